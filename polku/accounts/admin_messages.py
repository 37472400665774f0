"""Configuration-site (Django admin) strings that Django's Finnish catalogue lacks or gets wrong.

Polku's catalogue (``LOCALE_PATHS``) wins over Django's own, so translating these msgids in
``locale/`` fixes the admin's pages. Marking them here keeps them in the catalogue when the
messages are extracted again (``make messages``); nothing calls this module.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_ADMIN_MESSAGES = (
    # The app list's column headers, read out by screen readers (Django has no Finnish).
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    # The add-user page, and the title of a page with form errors.
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Error:"),
    # Django's Finnish "Käyttäjät ja organisaatio-ylläpito" joins a phrase with a hyphen.
    gettext_noop("%(app)s administration"),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    # Django capitalises an inline's name inside a sentence ("Lisää toinen Roolimääritys") and
    # its Swedish catalogue capitalises a common noun ("Senaste Händelser").
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("Recent actions"),
)

PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "count",
)
