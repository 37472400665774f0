"""The demo's service network: partners and employers with their job openings, work trials,
pay-subsidised jobs and trainings (some shown to clients), made through the real services by
the demo manager. One closed demo client's destination (studies) links to the carpentry
training (``polku.demo.closure``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from polku.accounts.models import Unit, User
from polku.core import clock
from polku.network import services
from polku.network.models import Opportunity

MANAGER = "riitta.manninen"
# Titles and descriptions say nothing of months: the dates are relative to the day the demo is made.
CARPENTRY_TRAINING = "Puusepän koulutus, jatkuva haku"


@dataclass(frozen=True)
class DemoPartner:
    name: str
    business_id: str
    municipality: str  # unit key
    # Written as the place catalogue writes its fields (capitalised; the same field in the same
    # words: the recycling shop's is Kiertokulku's "Kierrätys ja myymälä"), so the service map's
    # field filter lists each field once.
    field: str
    offers: str
    help_kinds: tuple[str, ...]
    contact: tuple[str, str, str]
    offers_sv: str = ""


@dataclass(frozen=True)
class DemoOpportunity:
    partner: str
    kind: str
    title: str
    description: str
    starts_in: int  # days from today
    ends_in: int | None
    public: bool
    title_sv: str = ""  # empty: Swedish pages show the Finnish title
    description_sv: str = ""


PARTNERS = [
    DemoPartner(
        "Järvilaakson ammattiopisto",
        "2345678-0",
        "mun_j",
        "Koulutus",
        "Ammatillinen koulutus puu-, metalli- ja ravintola-alalle; opinto-ohjaus ja "
        "tutustumispäivät.",
        ("training", "coaching"),
        ("Outi Opinto", "029 123 4700", "outi.opinto@jarvilaakso-ammattiopisto.example"),
    ),
    DemoPartner(
        "Kierto ja Korjaus Oy",
        "1234567-1",
        "mun_j",
        "Kierrätys ja myymälä",
        "Työkokeiluja ja palkkatukityötä kierrätysmyymälässä ja korjaamossa.",
        ("work_trial", "pay_subsidised_job"),
        ("Kalle Kierto", "040 555 0101", "kalle.kierto@kiertojakorjaus.example"),
        offers_sv="Arbetsprövning och arbete med lönesubvention i returbutiken och verkstaden.",
    ),
    DemoPartner(
        "Koskimäen Kotiruoka Ky",
        "0765432-2",
        "mun_k",
        "Ravintola-ala",
        "Lounasravintola, joka ottaa työkokeiluun ja palkkaa määräaikaisiin töihin.",
        ("job", "work_trial"),
        ("Kaija Keittiö", "040 555 0202", "kaija@kotiruoka.example"),
    ),
    DemoPartner(
        "Järvilaakson työvalmennussäätiö",
        "2876543-5",
        "mun_j",
        "Valmennus",
        "Työhönvalmennus ja yksilövalmennus työllistymisen tueksi.",
        ("coaching",),
        ("Ville Valmentaja", "040 555 0303", "ville@tyovalmennus.example"),
    ),
]

OPPORTUNITIES = [
    DemoOpportunity(
        "Järvilaakson ammattiopisto",
        "training",
        CARPENTRY_TRAINING,
        "Puuseppäkoulutus verstaalla. Voit tulla ensin tutustumispäivälle.",
        -200,
        180,
        True,
        title_sv="Snickarutbildning, fortlöpande ansökan",
        description_sv="Snickarutbildning i verkstaden. Du kan först komma på en introduktionsdag.",
    ),
    DemoOpportunity(
        "Kierto ja Korjaus Oy",
        "work_trial",
        "Työkokeilu kierrätysmyymälässä",
        "Tavaroiden vastaanotto, lajittelu ja hyllytys. Kolme kuukautta, 4 päivää viikossa.",
        -10,
        90,
        True,
        title_sv="Arbetsprövning i returbutiken",
        description_sv="Mottagning, sortering och uppställning av varor. Tre månader, 4 dagar "
        "i veckan.",
    ),
    DemoOpportunity(
        "Kierto ja Korjaus Oy",
        "pay_subsidised_job",
        "Palkkatukityö korjaamossa",
        "Huonekalujen ja polkupyörien korjausta. Sopii puutöistä kiinnostuneelle.",
        14,
        None,
        False,
    ),
    DemoOpportunity(
        "Koskimäen Kotiruoka Ky",
        "job",
        "Keittiöapulaisen työ",
        "Määräaikainen työ lounasravintolassa, arkisin klo 9–14. Hygieniapassi eduksi.",
        30,
        120,
        True,
    ),
    DemoOpportunity(
        "Koskimäen Kotiruoka Ky",
        "work_trial",
        "Työkokeilu salissa (päättynyt)",
        "Asiakaspalvelu ja astiahuolto.",
        -120,
        -20,
        True,
    ),
]


def create_network(units: dict[str, Unit]) -> dict[str, Opportunity]:
    """The partners and their opportunities; returns the opportunities by title."""
    manager = User.objects.get(username=MANAGER)
    partners = {}
    for spec in PARTNERS:
        name, phone, email = spec.contact
        partners[spec.name] = services.partner_create(
            actor=manager,
            name=spec.name,
            business_id=spec.business_id,
            municipality=units[spec.municipality],
            field=spec.field,
            offers=spec.offers,
            offers_sv=spec.offers_sv,
            help_kinds=list(spec.help_kinds),
            contact_name=name,
            contact_phone=phone,
            contact_email=email,
        )
    today = clock.today()
    made = {}
    for item in OPPORTUNITIES:
        made[item.title] = services.opportunity_create(
            actor=manager,
            kind=item.kind,
            partner=partners[item.partner],
            title=item.title,
            description=item.description,
            title_sv=item.title_sv,
            description_sv=item.description_sv,
            starts_on=today + dt.timedelta(days=item.starts_in),
            ends_on=today + dt.timedelta(days=item.ends_in) if item.ends_in is not None else None,
            public=item.public,
        )
    return made
