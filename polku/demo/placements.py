"""Demo places of every producer type with their profiles, and clients at S8–S11.

The places are written as the configuration site writes them (the unit, its ``PlaceProfile`` and
closed days); every client step goes through the real services with the clock frozen at the
step's day, so each date rule holds: the relationship begins, the first meeting is held, the
first and the second plan are signed, the visit follows the choice, the decision comes before
the notice and the notice before the period starts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from polku.accounts.models import ProducerType, Unit, UnitKind, User
from polku.clients import identity
from polku.clients import services as client_services
from polku.clients.models import Client, ClientRelationship, InformingTopic, Outcome, Stage
from polku.core import clock
from polku.pathways import services as plans
from polku.pathways.models import ActivationPlan, OptionKind, Party
from polku.placements import geo
from polku.placements import services as placements
from polku.placements.matching import AccessibilityFeature as Access
from polku.placements.models import ClosedDay, Decision, Period, PlaceProfile
from polku.placements.rules import add_months

DECISION_MAKER = "paivi.nieminen"


@dataclass(frozen=True)
class DemoPlace:
    key: str
    name: str
    producer: ProducerType
    municipality: str  # unit key
    street: str
    postal_code: str
    city: str
    field: str
    level: str
    tasks: tuple[str, ...]
    weekdays: str
    hours: tuple[dt.time, dt.time]
    capacity: int
    access: tuple[Access, ...]
    access_notes: str
    contact: tuple[str, str, str]  # name, phone, e-mail
    steward: tuple[str, str]  # name, e-mail
    # The Swedish name where the place has a natural one (a public body's unit); empty where
    # Finnish is the only form (an association's, a company's, a foundation's registered name).
    name_sv: str = ""


def _email(name: str, domain: str) -> str:
    first, last = name.lower().split()[:2]
    table = str.maketrans("äöå", "aoa")
    return f"{first.translate(table)}.{last.translate(table)}@{domain}"


PLACES = [
    DemoPlace(
        "verstas",
        "Toimintakeskus Verstas",
        ProducerType.OWN_UNIT,
        "mun_j",
        "Pajakatu 3",
        "40100",
        "Järvenkylä",
        "Puu- ja metallityöt",
        "Sopii myös aloittelijalle: ohjaaja opastaa koneiden käytön. Osa työstä on seisomatyötä; "
        "kevyempiä tehtäviä on tarjolla.",
        (
            "Puusepäntyöt",
            "Kalusteiden kunnostus",
            "Pienet metallityöt",
            "Tilaustöiden kokoonpano",
            "Verstaan siivous ja järjestys",
        ),
        "12345",
        (dt.time(8), dt.time(15)),
        8,
        (Access.WHEELCHAIR, Access.ACCESSIBLE_TOILET, Access.PUBLIC_TRANSPORT, Access.LIGHT_TASKS),
        "Sisäänkäynti pihan puolelta, luiska ovelle.",
        ("Marko Heikkinen", "040 712 3301", _email("Marko Heikkinen", "jarvilaakso.example")),
        ("Jari Hiltunen", _email("Jari Hiltunen", "jarvilaakso.example")),
        name_sv="Verksamhetscentret Verstas",
    ),
    DemoPlace(
        "kiertokulku",
        "Kierrätyskeskus Kiertokulku ry",
        ProducerType.ASSOCIATION,
        "mun_k",
        "Teollisuustie 8",
        "41500",
        "Koskimäki",
        "Kierrätys ja myymälä",
        "Vaihtelevia tehtäviä omaan tahtiin; myymälässä asiakaspalvelua, varastossa nostoja.",
        (
            "Kierrätystavaran lajittelu",
            "Tavaroiden hinnoittelu ja hyllytys",
            "Myymälän asiakaspalvelu",
            "Kuljetusapu ja noudot",
            "Huonekalujen kunnostus",
        ),
        "12345",
        (dt.time(9), dt.time(16)),
        10,
        (Access.PUBLIC_TRANSPORT, Access.QUIET_SPACE, Access.WHEELCHAIR),
        "Taukotila toisessa kerroksessa, hissi.",
        ("Leena Koskinen", "040 712 3302", _email("Leena Koskinen", "kiertokulku.example")),
        ("Sirpa Miettinen", _email("Sirpa Miettinen", "kiertokulku.example")),
    ),
    DemoPlace(
        "seurakunta",
        "Järvenkylän seurakunnan työpaja",
        ProducerType.RELIGIOUS_COMMUNITY,
        "mun_j",
        "Kirkkotie 2",
        "40100",
        "Järvenkylä",
        "Keittiö ja kiinteistö",
        "Rauhallinen työyhteisö; keittiössä hygieniaosaaminen opetetaan työn ohessa.",
        (
            "Keittiötyöt",
            "Ruoka-avun kassien pakkaaminen",
            "Siivoustyöt",
            "Hautausmaan pihatyöt",
            "Tapahtumien järjestelyt",
        ),
        "1234",
        (dt.time(8, 30), dt.time(14, 30)),
        6,
        (Access.ACCESSIBLE_TOILET, Access.QUIET_SPACE, Access.LIGHT_TASKS),
        "",
        ("Leena Koskinen", "040 712 3303", _email("Leena Koskinen", "seurakunta.example")),
        ("Kalle Räsänen", _email("Kalle Räsänen", "seurakunta.example")),
    ),
    DemoPlace(
        "puhdas",
        "Puhdas Piha Oy",
        ProducerType.COMPANY,
        "mun_j",
        "Varastokatu 14",
        "40320",
        "Järvenkylä",
        "Kiinteistöhuolto",
        "Yritys: antaa vain tuen ja ohjauksen, ei tuota kuntouttavaa työtoimintaa "
        "(189/2001 §13 2 mom). Ulkotyöt vaativat hyvää fyysistä kuntoa.",
        ("Pihatyöt", "Lumityöt", "Siivoustyöt", "Kiinteistönhoito"),
        "12345",
        (dt.time(7), dt.time(15)),
        3,
        (Access.PUBLIC_TRANSPORT,),
        "",
        ("Petri Salonen", "040 712 3304", _email("Petri Salonen", "puhdaspiha.example")),
        ("Mervi Kauppinen", _email("Mervi Kauppinen", "puhdaspiha.example")),
    ),
    DemoPlace(
        "kunta",
        "Koskimäen kunnan tekninen toimi",
        ProducerType.MUNICIPALITY,
        "mun_k",
        "Kunnantie 4",
        "41520",
        "Koskimäki",
        "Kiinteistöhuolto",
        "Ulkotöitä säässä kuin säässä; työvaatteet saa paikan päältä.",
        (
            "Kiinteistönhoito",
            "Pihatyöt ja viheralueiden hoito",
            "Lumityöt",
            "Pienet korjaustyöt",
            "Kirjaston hyllytys",
        ),
        "12345",
        (dt.time(7, 30), dt.time(15, 30)),
        4,
        (Access.LIGHT_TASKS,),
        "Kirjastossa kevyempiä tehtäviä.",
        ("Harri Jääskeläinen", "040 712 3305", _email("Harri Jääskeläinen", "koskimaki.example")),
        ("Tuula Pesonen", _email("Tuula Pesonen", "koskimaki.example")),
        name_sv="Koskimäki kommuns tekniska väsende",
    ),
    DemoPlace(
        "digipaja",
        "Digipaja, Järvilaakson koulutuskuntayhtymä",
        ProducerType.JOINT_AUTHORITY,
        "mun_j",
        "Opintie 7",
        "40200",
        "Järvenkylä",
        "Atk ja toimisto",
        "Istumatyötä rauhallisessa tilassa; tietokoneen perustaidot riittävät aluksi.",
        (
            "Atk-tuki",
            "Tietokoneiden kunnostus ja tietojen poisto",
            "Toimistotyöt ja arkistointi",
            "Lähetti- ja postitustehtävät",
        ),
        "12345",
        (dt.time(9), dt.time(15)),
        5,
        (
            Access.WHEELCHAIR,
            Access.ACCESSIBLE_TOILET,
            Access.HEARING_LOOP,
            Access.PUBLIC_TRANSPORT,
            Access.QUIET_SPACE,
        ),
        "Induktiosilmukka neuvotteluhuoneessa.",
        ("Satu Väänänen", "040 712 3306", _email("Satu Väänänen", "jlky.example")),
        ("Antti Karjalainen", _email("Antti Karjalainen", "jlky.example")),
    ),
    DemoPlace(
        "lanka",
        "Ompelimo ja kahvila Lanka, Tukisäätiö Askel sr",
        ProducerType.FOUNDATION,
        "mun_j",
        "Kauppakatu 22",
        "40700",
        "Järvenkylä",
        "Tekstiilit ja kahvila",
        "Pienet ryhmät ja oma ohjaaja; kahvilassa asiakaspalvelua, ompelimossa tarkkuutta "
        "vaativaa työtä.",
        (
            "Ompelu",
            "Vaatteiden korjaus ja tuunaus",
            "Kahvilan keittiötyöt",
            "Leivonta",
            "Asiakaspalvelu kahvilassa",
        ),
        "12345",
        (dt.time(8), dt.time(14)),
        7,
        (
            Access.WHEELCHAIR,
            Access.ACCESSIBLE_TOILET,
            Access.PUBLIC_TRANSPORT,
            Access.QUIET_SPACE,
            Access.LIGHT_TASKS,
        ),
        "",
        ("Anu Hirvonen", "040 712 3307", _email("Anu Hirvonen", "askel.example")),
        ("Marja Lappalainen", _email("Marja Lappalainen", "askel.example")),
    ),
    DemoPlace(
        "harjula",
        "Luontokeskus Harjula, valtion luontopalvelut",
        ProducerType.STATE_AGENCY,
        "mun_k",
        "Harjuntie 30",
        "41400",
        "Koskimäki",
        "Luonto ja ulkotyöt",
        "Ulkotöitä metsässä ja luontokeskuksella; kuljetus keskukselle sovitaan.",
        (
            "Luontopolkujen kunnostus",
            "Polttopuiden teko",
            "Laavujen huolto",
            "Pihatyöt",
            "Asiakaspalvelu luontokeskuksessa",
        ),
        "1234",
        (dt.time(8), dt.time(14)),
        4,
        (Access.QUIET_SPACE,),
        "Polut ovat osin epätasaisia.",
        ("Jouni Ahonen", "040 712 3308", _email("Jouni Ahonen", "luontopalvelut.example")),
        ("Riikka Korpela", _email("Riikka Korpela", "luontopalvelut.example")),
        name_sv="Naturcentret Harjula, statens naturtjänster",
    ),
]


def _next(day: dt.date, month: int, dom: int) -> dt.date:
    """The next ``dom``.``month``. on or after ``day``."""
    this_year = dt.date(day.year, month, dom)
    return this_year if this_year >= day else dt.date(day.year + 1, month, dom)


def closed_days(today: dt.date) -> list[tuple[dt.date, str]]:
    """Christmas Eve and a summer week (Monday to Friday of the week of 15 July), the next ones."""
    christmas = _next(today, 12, 24)
    mid_july = _next(today, 7, 15)
    monday = mid_july - dt.timedelta(days=mid_july.weekday())
    summer = [(monday + dt.timedelta(days=n), "Kesäsulku") for n in range(5)]
    return [(christmas, "Jouluaatto"), *summer]


def create_places(units: dict[str, Unit]) -> None:
    """Each place as a unit with its profile and closed days (as the configuration site writes
    them), its point from its postal code."""
    today = clock.today()
    for spec in PLACES:
        place = Unit.objects.create(
            kind=UnitKind.WORK_ACTIVITY_PLACE,
            name=spec.name,
            name_sv=spec.name_sv,
            producer_type=spec.producer,
            parent=units["organiser"],
            municipality=units[spec.municipality],
            street_address=spec.street,
            postal_code=spec.postal_code,
            city=spec.city,
        )
        units[spec.key] = place
        point = geo.coordinates_for(spec.postal_code)
        if point is None:
            raise ValueError(f"No coordinates for the postal code {spec.postal_code}.")
        profile = PlaceProfile.objects.create(
            place=place,
            field=spec.field,
            level=spec.level,
            tasks="\n".join(spec.tasks),
            weekdays=spec.weekdays,
            opens_at=spec.hours[0],
            closes_at=spec.hours[1],
            capacity=spec.capacity,
            accessibility=[feature.value for feature in spec.access],
            accessibility_notes=spec.access_notes,
            latitude=Decimal(str(round(point[0], 5))),
            longitude=Decimal(str(round(point[1], 5))),
            contact_name=spec.contact[0],
            contact_phone=spec.contact[1],
            contact_email=spec.contact[2],
            steward_name=spec.steward[0],
            steward_email=spec.steward[1],
            steward_address=f"{spec.street}, {spec.postal_code} {spec.city}",
        )
        ClosedDay.objects.bulk_create(
            ClosedDay(profile=profile, day=day, reason=reason) for day, reason in closed_days(today)
        )


# --- Clients at S8–S11 -------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoPlacement:
    """A client walked to S8 and on: who, where they live, what they wish to do, the worker, the
    place chosen in the second plan and the other option offered, and how many days ago the
    relationship began."""

    first: str
    last: str
    stage: str  # "s8", "s8_decision", "s9", "s10", "s11"
    unit: str
    worker: str
    place: str
    other_place: str
    street: str
    postal_code: str
    city: str
    wishes: str
    interests: tuple[str, ...]
    days_ago: int
    username: str = ""  # an OmaPolku client of CLIENTS; otherwise a new client
    born: dt.date | None = None
    individual: int = 0
    language: str = "fi"  # a new client's language (a client of CLIENTS has their own)


# What the worker writes on the way to S8, in the client's language: a Swedish-speaking
# client's record, plan and decision are written in Swedish, not Swedish labels around Finnish
# text.
WRITTEN = {
    "fi": {
        "reason": "Pitkäaikainen työttömyys; työllisyysalue ohjasi aktivointisuunnitelmaan.",
        "overall_situation": "Asuu vuokra-asunnossa. Työttömänä yli kaksi vuotta; "
        "päivärytmi on päässyt hajoamaan.",
        "service_need": "Päivärytmin tukeminen ja polku kohti työelämää tai opintoja.",
        "outcome_note": "Aktivointisuunnitelma tehdään yhdessä työllisyysalueen kanssa.",
        "education": "Ammatillinen perustutkinto.",
        "work_history": "Lyhyitä työsuhteita ja keikkatöitä; viimeisin työ kolme vuotta sitten.",
        "earlier_services": "Työkokeilu ja kuntouttava työtoiminta aiemmin, ei jatkunut.",
        "agreed_measures": "Kuntouttava työtoiminta 3 päivää viikossa; tutustuminen paikkoihin.",
        "job_search_obligation": "Ei työnhakuvelvollisuutta kuntouttavan työtoiminnan aikana.",
        "own_option": "Kansalaisopiston kurssi",
        "impression": "Asiakas kiinnostui paikan tehtävistä.",
        "client": "Asiakas",
        "agreed_hours": "3 päivää viikossa, klo 9–14",
        "handover_summary": "Asiakas aloittaa rauhallisesti; tauot tarvittaessa. Hyvä "
        "käsistään ja täsmällinen. Ohjaaja kertoo heti, jos poissaoloja tulee.",
        "grounds": "Asiakas on työttömänä ja tarvitsee tukea päivärytmiin; kuntouttava "
        "työtoiminta on sovittu aktivointisuunnitelmassa.",
    },
    "sv": {
        "reason": "Långvarig arbetslöshet; sysselsättningsområdet hänvisade till en "
        "aktiveringsplan.",
        "overall_situation": "Bor i en hyresbostad. Arbetslös i över två år; dygnsrytmen har "
        "gått sönder.",
        "service_need": "Stöd för dygnsrytmen och en väg mot arbetslivet eller studier.",
        "outcome_note": "Aktiveringsplanen görs tillsammans med sysselsättningsområdet.",
        "education": "Yrkesinriktad grundexamen.",
        "work_history": "Korta anställningar och ströjobb; det senaste jobbet för tre år sedan.",
        "earlier_services": "Arbetsprövning och arbetsverksamhet i rehabiliteringssyfte "
        "tidigare, avbröts.",
        "agreed_measures": "Arbetsverksamhet i rehabiliteringssyfte 3 dagar i veckan; besök "
        "på platserna.",
        "job_search_obligation": "Ingen skyldighet att söka arbete under arbetsverksamheten.",
        "own_option": "En kurs vid medborgarinstitutet",
        "impression": "Klienten blev intresserad av uppgifterna på platsen.",
        "client": "Klienten",
        "agreed_hours": "3 dagar i veckan, kl. 9–14",
        "handover_summary": "Klienten börjar lugnt; pauser vid behov. Händig och noggrann. "
        "Handledaren meddelar genast om det blir frånvaro.",
        "grounds": "Klienten är arbetslös och behöver stöd för dygnsrytmen; arbetsverksamhet i "
        "rehabiliteringssyfte har avtalats i aktiveringsplanen.",
    },
}


def written(person: Client) -> dict[str, str]:
    """The texts of ``WRITTEN`` in the client's language (Finnish unless Swedish)."""
    return WRITTEN["sv" if person.language == "sv" else "fi"]


PLACEMENTS = [
    DemoPlacement(
        "Mikko",
        "Korhonen",
        "s11",
        "sos_j",
        "sanna.virtanen",
        "verstas",
        "kiertokulku",
        "Kangasvuorentie 12 A 3",
        "40250",
        "Järvenkylä",
        "Haluaisin tehdä puutöitä; olen nikkaroinut ennen kotona.",
        ("puutyöt", "kalusteiden kunnostus"),
        75,
        username="mikko.korhonen",
    ),
    DemoPlacement(
        "Aino",
        "Mäkinen",
        "s9",
        "sos_j",
        "sanna.virtanen",
        "lanka",
        "seurakunta",
        "Harjukatu 9 B 14",
        "40630",
        "Järvenkylä",
        "Ompelu kiinnostaa, ja voisin olla myös kahvilassa.",
        ("ompelu", "leivonta"),
        60,
        username="aino.makinen",
    ),
    DemoPlacement(
        "Johan",
        "Lindqvist",
        "s10",
        "sos_k",
        "jukka.lehtonen",
        "kiertokulku",
        "harjula",
        "Keskustie 6",
        "41520",
        "Koskimäki",
        "Kiinnostaa kierrätys ja vanhojen tavaroiden korjaaminen (asioi ruotsiksi).",
        ("kierrätys", "huonekalujen kunnostus"),
        70,
        username="johan.lindqvist",
    ),
    DemoPlacement(
        "Emma",
        "Salo",
        "s8",
        "sos_k",
        "jukka.lehtonen",
        "digipaja",
        "kunta",
        "Lievestuoreentie 21",
        "41400",
        "Koskimäki",
        "Tietokoneet ja atk kiinnostavat; haluaisin rauhallisen paikan.",
        ("atk-tuki", "tietokoneet"),
        30,
        username="emma.salo",
    ),
    DemoPlacement(
        "Laura",
        "Nurmi",
        "s8_decision",
        "sos_j",
        "sanna.virtanen",
        "seurakunta",
        "verstas",
        "Vaajakoskentie 40",
        "40320",
        "Järvenkylä",
        "Ruoanlaitto ja keittiötyöt kiinnostavat, siivouskin käy.",
        ("keittiötyöt", "siivous"),
        45,
        born=dt.date(1979, 4, 5),
        individual=971,
    ),
]

STAGE_DESCRIPTIONS = {
    "s8": "the introductory visit not yet recorded",
    "s8_decision": "visit recorded, period planned, the kuty decision awaiting the decision "
    "maker, the steward not yet notified",
    "s9": "decided and notified; the period starts next week; a travel-compensation "
    "decision awaiting the decision maker",
    "s10": "an introductory period under way",
    "s11": "a work-activity period under way",
}


def _moment(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _workday(day: dt.date) -> dt.date:
    """``day``, or the Monday after it when it falls on a weekend."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _monday(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def _to_s8(
    spec: DemoPlacement, units: dict[str, Unit], users: dict[str, User]
) -> tuple[ClientRelationship, dt.date]:
    """S1–S7 through the services, then to S8: the relationship begins, the first meeting is
    held, the first plan signed with two places and an own option, the reflection, a visit, and
    the second plan choosing ``spec.place``, signed by all three. Returns (relationship, the day
    the place was chosen)."""
    worker = users[spec.worker]
    unit = units[spec.unit]
    today = clock.today()
    opened = _workday(today - dt.timedelta(days=spec.days_ago))
    meeting_day = _workday(opened + dt.timedelta(days=2))
    chosen_on = _workday(meeting_day + dt.timedelta(days=10))
    with clock.frozen(_moment(opened, 9)):
        if spec.username:
            person = Client.objects.get(user__username=spec.username)
        else:
            if spec.born is None:
                raise ValueError(f"{spec.first} {spec.last} needs a birth date.")
            person = client_services.client_create(
                actor=worker,
                first_name=spec.first,
                last_name=spec.last,
                identity_code=identity.build_code(spec.born, spec.individual, sign="-"),
                birth_date=spec.born,
                language=spec.language,
                phone="040 555 0171",
            )
        text = written(person)
        relationship = client_services.relationship_open(
            actor=worker,
            client=person,
            unit=unit,
            started_on=clock.today(),
            source="employment_authority",
            reason=text["reason"],
        )
        person.refresh_from_db()
        client_services.client_update(
            actor=worker,
            client=person,
            version=person.version,
            street_address=spec.street,
            postal_code=spec.postal_code,
            city=spec.city,
        )
        client_services.worker_assign(actor=worker, relationship=relationship, worker=worker)
        meeting = client_services.meeting_book(
            actor=worker,
            relationship=relationship,
            starts_at=_moment(meeting_day, 13),
            duration_minutes=60,
            channel="in_person",
            location=unit.address,
        )
        client_services.invitation_send(actor=worker, meeting=meeting)
    with clock.frozen(_moment(meeting_day, 14, 15)):
        meeting.refresh_from_db()
        client_services.meeting_record(
            actor=worker,
            meeting=meeting,
            version=meeting.version,
            informing={topic: (True, "") for topic in InformingTopic.values},
            mark_held=True,
            overall_situation=text["overall_situation"],
            service_need=text["service_need"],
            client_wishes=spec.wishes,
            outcome=Outcome.ACTIVATION_PLAN,
            outcome_note=text["outcome_note"],
        )
        relationship.refresh_from_db()
        plan = plans.plan_start(actor=worker, relationship=relationship, plan_type="activation")
        plan = plans.plan_update(
            actor=worker,
            plan=plan,
            version=plan.version,
            notice_given_on=clock.today(),
            notice_method="meeting",
            employment_authority=units["tvv"],
            official_name="Hanna Laine",
            education=text["education"],
            work_history=text["work_history"],
            earlier_services=text["earlier_services"],
            agreed_measures=text["agreed_measures"],
            job_search_obligation=text["job_search_obligation"],
            last_resort_informed=True,
            benefits_informed=True,
        )
        chosen = plans.option_add(
            actor=worker, plan=plan, kind=OptionKind.PLACE, place=units[spec.place]
        )
        plans.option_add(
            actor=worker, plan=plan, kind=OptionKind.PLACE, place=units[spec.other_place]
        )
        plans.option_add(actor=worker, plan=plan, kind=OptionKind.OWN, note=text["own_option"])
        _sign(plan, worker, person.full_name)
        plans.plan_reflection(
            actor=worker, plan=plan, reflection_due=clock.today() + dt.timedelta(days=10)
        )
    with clock.frozen(_moment(chosen_on, 11)):
        plans.visit_add(
            actor=worker,
            plan=plan,
            option=chosen,
            visited_on=clock.today() - dt.timedelta(days=3),
            with_worker=True,
            impression=text["impression"],
        )
        relationship.refresh_from_db()
        second = plans.plan_second(
            actor=worker, relationship=relationship, chosen_option=chosen, how="meeting"
        )
        _sign(second, worker, person.full_name)
        relationship.refresh_from_db()
        plans.transition(
            actor=worker, relationship=relationship, target=Stage.S8_INTRODUCTORY_VISIT
        )
    relationship.refresh_from_db()
    return relationship, chosen_on


def _sign(plan: ActivationPlan, worker: User, client_name: str) -> None:
    for party, name in (
        (Party.CLIENT, client_name),
        (Party.WORKER, worker.get_full_name()),
        (Party.OFFICIAL, "Hanna Laine"),
    ):
        plans.plan_sign(
            actor=worker,
            plan=plan,
            party=party,
            signer_name=name,
            method="in_person",
            signed_on=clock.today(),
        )


def _visit(relationship: ClientRelationship, place: Unit, worker: User, day: dt.date) -> None:
    profile = PlaceProfile.objects.get(place=place)
    text = written(relationship.client)
    with clock.frozen(_moment(day, 10)):
        placements.visit_record(
            actor=worker,
            relationship=relationship,
            place=place,
            visited_on=clock.today(),
            participants=f"{text['client']}, {worker.get_full_name()}, {profile.contact_name}",
            worker_present=True,
            place_contact=profile.contact_name,
            agreed_hours=text["agreed_hours"],
            agreed_tasks="\n".join(profile.tasks.splitlines()[:2]),
            handover_summary=text["handover_summary"],
            reviewed_with_client=True,
        )


def _period(
    relationship: ClientRelationship,
    place: Unit,
    worker: User,
    day: dt.date,
    *,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    weekdays: str = "123",
    hours: int = 5,
    travel: bool = False,
) -> Period:
    tasks = PlaceProfile.objects.get(place=place).tasks.splitlines()[:3]
    # The worker writes the plan in the client's language: a Swedish-speaking client's steward
    # notice and decision are in Swedish throughout, not Swedish labels around Finnish text.
    swedish = relationship.client.language == "sv"
    with clock.frozen(_moment(day, 11)):
        return placements.period_plan(
            actor=worker,
            relationship=relationship,
            place=place,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            weekdays=weekdays,
            hours_per_day=Decimal(hours),
            goal=(
                "Regelbunden dygnsrytm och starkare färdigheter för arbetslivet."
                if swedish
                else "Säännöllinen päivärytmi ja työelämätaitojen vahvistuminen."
            ),
            description=(
                f"Arbetsverksamhet i rehabiliteringssyfte: {place.name_in('sv')}."
                if swedish
                else f"Kuntouttava työtoiminta: {place.name}."
            ),
            tasks="\n".join(tasks),
            support_and_guidance=(
                "Platsens handledare dagligen; den ansvariga arbetstagaren träffar klienten "
                "varje månad."
                if swedish
                else "Paikan ohjaaja päivittäin; vastuutyöntekijä tapaa asiakasta kuukausittain."
            ),
            other_services=(
                "Hälsostationen vid behov; inga andra tjänster."
                if swedish
                else "Terveysasema tarvittaessa; ei muita palveluja."
            ),
            evaluate_by=starts_on + dt.timedelta(days=60),
            compensation="kulukorvaus",
            travel_compensation=travel,
        )


def _draft(
    relationship: ClientRelationship,
    period: Period,
    worker: User,
    maker: User,
    day: dt.date,
    kind: str,
) -> Decision:
    with clock.frozen(_moment(day, 12)):
        return placements.decision_draft(
            actor=worker,
            relationship=relationship,
            kind=kind,
            period=period,
            decision_maker=maker,
            grounds=written(relationship.client)["grounds"],
        )


def _decide(
    decision: Decision, worker: User, maker: User, day: dt.date, *, by_letter: bool = False
) -> None:
    """Made by the decision maker on ``day`` and handed over to the client against receipt the
    same day, or sent as an ordinary letter."""
    with clock.frozen(_moment(day, 13)):
        placements.decision_make(
            actor=maker, decision=decision, decided_on=clock.today(), version=decision.version
        )
        placements.decision_deliver(
            actor=worker,
            decision=decision,
            method="letter" if by_letter else "handed_over",
            sent_on=clock.today(),
            received_on=None if by_letter else clock.today(),
        )


def _notify(period: Period, worker: User, day: dt.date) -> None:
    with clock.frozen(_moment(day, 14)):
        placements.steward_notice_send(
            actor=worker, period=period, sent_on=clock.today(), method="electronic"
        )


def _move(relationship: ClientRelationship, worker: User, target: Stage, day: dt.date) -> None:
    with clock.frozen(_moment(day, 15)):
        relationship.refresh_from_db()
        plans.transition(actor=worker, relationship=relationship, target=target)


def _six_months(starts_on: dt.date) -> dt.date:
    return add_months(starts_on, 6) - dt.timedelta(days=1)


def _introductory_dates(today: dt.date) -> tuple[dt.date, dt.date]:
    """Two weeks, Monday to the Friday of the next week, under way today."""
    starts_on = _monday(today - dt.timedelta(days=4))
    return starts_on, starts_on + dt.timedelta(days=11)


def _full_period_start(stage: str, today: dt.date) -> dt.date:
    monday = _monday(today)
    if stage == "s11":
        return monday - dt.timedelta(days=35)  # under way for five weeks
    if stage == "s9":
        return monday + dt.timedelta(days=7)  # next week
    if stage == "s10":  # after the introductory period
        return _introductory_dates(today)[1] + dt.timedelta(days=3)
    return monday + dt.timedelta(days=14)  # s8_decision: the notice is due


def create_placements(units: dict[str, Unit]) -> None:
    """The clients of ``PLACEMENTS``, each walked to their stage."""
    users = {u.username: u for u in User.objects.all()}
    for spec in PLACEMENTS:
        relationship, chosen_on = _to_s8(spec, units, users)
        if spec.stage != "s8":
            _from_s8(spec, relationship, chosen_on, units[spec.place], users)


def _from_s8(
    spec: DemoPlacement,
    relationship: ClientRelationship,
    chosen_on: dt.date,
    place: Unit,
    users: dict[str, User],
) -> None:
    """The visit, the full period and its kuty decision; then, by the stage: the decision
    made, the notice sent and S9; the period started (S11); or an introductory period decided
    and under way (S10)."""
    worker, maker, today = users[spec.worker], users[DECISION_MAKER], clock.today()
    visited = _workday(chosen_on + dt.timedelta(days=5))
    _visit(relationship, place, worker, visited)
    planned = _workday(visited + dt.timedelta(days=2))
    start = _full_period_start(spec.stage, today)
    period = _period(
        relationship,
        place,
        worker,
        planned,
        kind="full",
        starts_on=start,
        ends_on=_six_months(start),
        travel=spec.stage == "s9",
    )
    decision = _draft(relationship, period, worker, maker, planned, "kuty")
    if spec.stage == "s8_decision":
        return
    decided = _workday(planned + dt.timedelta(days=1))
    _decide(decision, worker, maker, decided, by_letter=spec.stage == "s11")
    notified = _workday(decided + dt.timedelta(days=1))
    _notify(period, worker, notified)
    _move(relationship, worker, Stage.S9_KUTY_STARTS, notified)
    if spec.stage == "s9":
        _draft(relationship, period, worker, maker, notified, "matkakorvaus")
    elif spec.stage == "s11":
        _move(relationship, worker, Stage.S11_PERIOD, start)
    elif spec.stage == "s10":
        intro_start, intro_end = _introductory_dates(today)
        intro = _period(
            relationship,
            place,
            worker,
            notified,
            kind="introductory",
            starts_on=intro_start,
            ends_on=intro_end,
            weekdays="1234",
            hours=4,
        )
        decision = _draft(relationship, intro, worker, maker, notified, "introductory_period")
        intro_decided = _workday(notified + dt.timedelta(days=1))
        _decide(decision, worker, maker, intro_decided)
        _notify(intro, worker, intro_decided)
        _move(relationship, worker, Stage.S10_INTRODUCTORY_PERIOD, intro_decided)
