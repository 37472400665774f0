from polku.feedback.views.client import (
    complaint_info,
    complaint_new,
    feedback_home,
    message_new,
    survey,
)
from polku.feedback.views.staff import (
    complaint_assist,
    complaint_detail,
    complaint_list,
    message_detail,
    message_list,
    results,
)

__all__ = [
    "complaint_assist",
    "complaint_detail",
    "complaint_info",
    "complaint_list",
    "complaint_new",
    "feedback_home",
    "message_detail",
    "message_list",
    "message_new",
    "results",
    "survey",
]
