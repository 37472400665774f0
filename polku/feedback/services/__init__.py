"""The feedback app's writes (STYLE.md §2): keyword-only, ``actor=``, atomic, audited."""

from polku.feedback.services.box import message_mark, message_send
from polku.feedback.services.complaints import complaint_assist, complaint_handle, complaint_make
from polku.feedback.services.survey import survey_answer, survey_answers_load

__all__ = [
    "complaint_assist",
    "complaint_handle",
    "complaint_make",
    "message_mark",
    "message_send",
    "survey_answer",
    "survey_answers_load",
]
