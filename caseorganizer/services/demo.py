"""The demo vault: invented people, clinicians and cases, written by us, to try the app with.

``populate_demo(services)`` adds them in one transaction; ``create_demo_vault(path, passphrase)``
makes a new vault holding them. Two patients — the person keeping the vault and her mother, whose
cases she manages as a caregiver — and four cases whose opinions disagree in different ways: a knee
(surgery vs. physiotherapy first), a thyroid nodule (biopsy now vs. watchful waiting), a crown for
tooth 36 (three clinics, three plans, three quotes) and a sinus infection (two prescriptions naming
the same medicines differently). Dates count from a fixed ``REFERENCE_DATE``, so every run writes
the same data. Everything says it is demo data; nothing in it is medical advice.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from caseorganizer.domain import (
    Approach,
    Case,
    CaseStatus,
    Certainty,
    Clinician,
    CostQuote,
    Decision,
    Diagnosis,
    LogisticsKind,
    LogisticsTask,
    Medication,
    MedicationAction,
    Opinion,
    OpinionRelation,
    Patient,
    Question,
    QuestionStatus,
    Record,
    RecordKind,
    Relationship,
    Route,
    Urgency,
)
from caseorganizer.records.sniff import PDF, PNG
from caseorganizer.services import Services, vaults
from caseorganizer.services.demo_records import demo_pdf, demo_png
from caseorganizer.vault.errors import VaultError

log = logging.getLogger(__name__)

#: What the UI shows wherever the demo vault is open.
DEMO_NOTICE = (
    "This is a demo vault with invented people and cases. Nothing in it is real medical advice."
)
#: The day the demo's story is told from: consultations before it, appointments after it.
REFERENCE_DATE = date(2026, 9, 1)
#: The one currency of every cost in the demo.
CURRENCY = "INR"
#: How every patient's notes and every case's description begin.
DEMO_DATA = "Demo data — invented for trying the app."
_FICTIONAL = "Invented for the demo: not a real person or practice."

# Short names for the enumerations the scenarios use most.
_DONE, _ASKED = QuestionStatus.ANSWERED, QuestionStatus.ASKED
_SURE, _LIKELY, _MAYBE = Certainty.CONFIRMED, Certainty.PROBABLE, Certainty.POSSIBLE
_K = LogisticsKind


@dataclass(frozen=True)
class DemoSummary:
    """How much the demo added (numbers only, safe to print or log), and its cases' ids."""

    patients: int = 0
    clinicians: int = 0
    cases: int = 0
    opinions: int = 0
    medications: int = 0
    records: int = 0
    decisions: int = 0
    questions: int = 0
    tasks: int = 0
    case_ids: tuple[int, ...] = field(default=(), compare=False)

    def counts(self) -> list[tuple[str, int]]:
        """(name, number) pairs in display order, the case ids left out."""
        return [(f.name, getattr(self, f.name)) for f in fields(self) if f.name != "case_ids"]


def populate_demo(services: Services) -> DemoSummary:
    """Add the demo's patients, clinicians and cases to the vault, all in one transaction.

    It adds to whatever the vault holds already; ``create_demo_vault`` starts from an empty one."""
    with services.store.unit_of_work():
        w = _Writer(services)
        me = w.patient(
            Patient(
                "Meera Iyer (demo)",
                Relationship.SELF,
                1987,
                f"{DEMO_DATA} Meera keeps this vault for herself and for her mother.",
            )
        )
        mother = w.patient(
            Patient(
                "Lakshmi Iyer (demo)",
                Relationship.PARENT,
                1957,
                f"{DEMO_DATA} Meera's mother; Meera manages her cases as her caregiver. "
                "Takes telmisartan 40 mg once a day for blood pressure.",
            )
        )
        _knee(w, me)
        _dental_crown(w, me)
        _thyroid_nodule(w, mother)
        _sinusitis(w, mother)
    summary = w.summary()
    log.info("demo data added: %d cases, %d opinions", summary.cases, summary.opinions)
    return summary


def create_demo_vault(path: Path, passphrase: str) -> vaults.Created:
    """A new passphrase vault at ``path`` (which must not exist) holding the demo data, open.

    If the demo data cannot be written, the new vault is closed and removed again."""
    path = Path(path)
    created = vaults.create_with_passphrase(path, passphrase)
    try:
        populate_demo(created.opened.services)
    except BaseException:
        created.opened.close(backup=False)
        with contextlib.suppress(VaultError, OSError):
            vaults.delete_vault(path)
        raise
    return created


# --- helpers ------------------------------------------------------------------------------------


def _day(offset: int) -> date:
    return REFERENCE_DATE + timedelta(days=offset)


def _inr(amount: int, notes: str) -> CostQuote:
    return CostQuote(Decimal(amount), CURRENCY, notes)


def _rx(
    line: str, route: Route = Route.ORAL, action: MedicationAction = MedicationAction.START
) -> Medication:
    """A medication from "drug | strength | dose | frequency | duration | instructions"."""
    parts = [part.strip() for part in line.split("|")]
    drug, strength, dose, frequency, duration, instructions = parts + [""] * (6 - len(parts))
    return Medication(drug, strength, dose, route, frequency, duration, instructions, action)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip("\n").splitlines()]


def _filename(title: str, extension: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in title.lower()).split()
    return f"demo-{'-'.join(words)}.{extension}"


def _id(value: int | None) -> int:
    assert value is not None
    return value


class _Writer:
    """Creates entities through the services (joining the caller's transaction) and counts them."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._counts = {f.name: 0 for f in fields(DemoSummary) if f.name != "case_ids"}
        self._case_ids: list[int] = []

    def summary(self) -> DemoSummary:
        return DemoSummary(**self._counts, case_ids=tuple(self._case_ids))

    def patient(self, patient: Patient) -> int:
        self._counts["patients"] += 1
        return _id(self._s.patients.create(patient).value.id)

    def clinician(self, name: str, specialty: str, organisation: str, contact: str) -> int:
        self._counts["clinicians"] += 1
        clinician = Clinician(name, specialty, organisation, contact, _FICTIONAL)
        return _id(self._s.clinicians.create(clinician).value.id)

    def case(self, patient_id: int, title: str, description: str, **more: Any) -> int:
        self._counts["cases"] += 1
        case = Case(patient_id, title, f"{DEMO_DATA} {description}", **more)
        self._case_ids.append(_id(self._s.cases.create(case).value.id))
        return self._case_ids[-1]

    def opinion(self, case_id: int, clinician_id: int, day: int, **more: Any) -> int:
        opinion = Opinion(case_id, clinician_id, _day(day), **more)
        self._counts["opinions"] += 1
        self._counts["medications"] += len(opinion.medications)
        return _id(self._s.opinions.create(opinion).value.id)

    def pdf(
        self, case_id: int, kind: RecordKind, title: str, text: str, day: int, **more: Any
    ) -> None:
        """A one-page PDF record whose text is ``text``, line by line."""
        self._record(case_id, kind, title, "pdf", PDF, demo_pdf(title, _lines(text)), day, more)

    def png(
        self, case_id: int, kind: RecordKind, title: str, text: str, day: int, **more: Any
    ) -> None:
        """A PNG record showing ``text``; an imaging record is drawn light on dark."""
        dark = kind is RecordKind.IMAGING_REPORT
        data = demo_png(_lines(text), scale=3 if dark else 2, dark=dark)
        self._record(case_id, kind, title, "png", PNG, data, day, more)

    def _record(
        self,
        case_id: int,
        kind: RecordKind,
        title: str,
        extension: str,
        media_type: str,
        data: bytes,
        day: int,
        more: dict[str, Any],
    ) -> None:
        self._counts["records"] += 1
        filename = _filename(title, extension)
        title = f"{title} (DEMO)"
        record = Record(case_id, title, filename, media_type, kind, record_date=_day(day), **more)
        self._s.records.add(record, data)

    def question(self, case_id: int, text: str, **more: Any) -> None:
        self._counts["questions"] += 1
        self._s.questions.create(Question(case_id, text, **more))

    def task(self, case_id: int, kind: LogisticsKind, title: str, **more: Any) -> None:
        self._counts["tasks"] += 1
        self._s.logistics.create(LogisticsTask(case_id, kind, title, **more))

    def decision(self, case_id: int, summary: str, day: int, **more: Any) -> None:
        self._counts["decisions"] += 1
        self._s.decisions.create(Decision(case_id, summary, _day(day), **more))


# --- the knee: keyhole surgery soon, or physiotherapy first -------------------------------------


def _knee(w: _Writer, patient: int) -> None:
    case = w.case(
        patient,
        "Right knee pain after badminton (demo)",
        "Pain on the inner side of the right knee, and locking now and then, since a badminton "
        "game in late May. The MRI shows a torn meniscus. A surgeon advises keyhole surgery soon; "
        "a physiotherapist and a sports physician advise physiotherapy first.",
        status=CaseStatus.DECIDED,
    )
    surgeon = w.clinician(
        "Dr. Vikram Rao (demo)",
        "Orthopaedic surgeon",
        "Sunrise Orthopaedic Centre, Bengaluru (demo)",
        "frontdesk@sunrise-ortho.example",
    )
    physio = w.clinician(
        "Neha Kulkarni, MPT (demo)",
        "Sports physiotherapist",
        "MoveWell Physiotherapy (demo)",
        "hello@movewell-physio.example",
    )
    sports = w.clinician(
        "Dr. Farhan Qureshi (demo)",
        "Sports medicine physician",
        "City Sports Medicine Clinic (demo)",
        "appointments@citysports.example",
    )
    first = w.opinion(
        case,
        surgeon,
        -75,
        diagnoses=(
            Diagnosis(
                "Tear of the medial meniscus, right knee (posterior horn)", _SURE, "On the MRI."
            ),
            Diagnosis("Early cartilage wear, inner side of the right knee", _MAYBE),
        ),
        severity="Moderate: a complex tear, with locking about twice a week.",
        approaches=(Approach.SURGERY, Approach.MEDICATION),
        approach_details="Arthroscopic (keyhole) partial meniscectomy within 2–3 weeks, as "
        "day-care surgery; crutches for a few days, then physiotherapy for 4–6 weeks.",
        medications=(
            _rx("Etoricoxib | 90 mg | 1 tablet | once daily | 10 days | After food."),
            _rx("Pantoprazole | 40 mg | 1 tablet | once daily | 10 days | Before breakfast."),
        ),
        procedures=("Arthroscopic partial medial meniscectomy, right knee",),
        tests=("MRI right knee (done)", "Blood tests before surgery: CBC, blood sugar", "ECG"),
        urgency=Urgency.SOON,
        follow_up="Come back with the tests within a week; after surgery, wound check on day 10.",
        lifestyle="No badminton, deep squats or running until the surgery. Ice for 15 minutes "
        "after activity.",
        cost=_inr(
            85_000,
            "Day-care package: surgeon, theatre and anaesthesia; physiotherapy "
            "after surgery not included.",
        ),
        insurance_coverage="Covered by the family floater policy after pre-authorisation; the "
        "hospital's insurance desk expects a co-pay of about 10%.",
        notes="Said waiting may let the tear grow. Showed the MRI pictures on the screen.",
    )
    second = w.opinion(
        case,
        physio,
        -45,
        diagnoses=(
            Diagnosis(
                "Degenerative tear of the medial meniscus, right knee",
                _LIKELY,
                "Reads the MRI as wear more than injury.",
            ),
            Diagnosis("Weak thigh (quadriceps) and hip muscles", _SURE),
        ),
        severity="Mild to moderate: full range of movement, no locking at the assessment.",
        approaches=(Approach.THERAPY, Approach.LIFESTYLE),
        approach_details="Supervised physiotherapy twice a week for 6–8 weeks (thigh and hip "
        "strengthening, balance), and home exercises every day. Review after 8 weeks; think "
        "about surgery only if the knee still locks or gives way.",
        medications=(
            _rx(
                "Paracetamol | 500 mg | 1–2 tablets | up to three times a day when needed | "
                "while in pain | Only on painful days, as agreed with your doctor."
            ),
        ),
        tests=("Single-leg squat and hop tests at the review",),
        urgency=Urgency.ROUTINE,
        follow_up="Reassessment after 8 weeks of exercises.",
        lifestyle="Keep moving: cycling and swimming are fine. Pause badminton and deep squats. "
        "Losing 3–4 kg over the next months takes load off the knee.",
        cost=_inr(14_400, "16 sessions at INR 900 each."),
        insurance_coverage="Outpatient physiotherapy is not covered by the policy.",
        relation=OpinionRelation.CHANGES,
        relates_to_id=first,
        notes="Explained that for many meniscus tears in adults, exercise therapy first does as "
        "well as surgery, and surgery stays possible later.",
    )
    third = w.opinion(
        case,
        sports,
        -30,
        diagnoses=(Diagnosis("Tear of the medial meniscus, right knee", _SURE),),
        severity="Moderate; no true locking in the last two weeks.",
        approaches=(Approach.THERAPY, Approach.MEDICATION),
        approach_details="Agrees with physiotherapy first. Surgery if the knee locks and cannot "
        "be straightened, or if there is no progress after 8–12 weeks.",
        medications=(
            _rx(
                "Etoricoxib | 90 mg | | | | Not needed with the gel; can upset the stomach.",
                action=MedicationAction.STOP,
            ),
            _rx(
                "Diclofenac gel | 1% | a thin layer | three times a day | 2 weeks | "
                "Rub in gently over the painful area.",
                route=Route.TOPICAL,
            ),
            _rx(
                "Paracetamol | 650 mg | 1 tablet | up to three times a day | when needed | "
                "No more than 3 tablets in 24 hours."
            ),
        ),
        tests=("Knee examination again at the follow-up",),
        urgency=Urgency.ROUTINE,
        follow_up="See again in 6 weeks, or at once if the knee locks.",
        lifestyle="Stationary cycling 20 minutes a day. Back to badminton only when a single-leg "
        "squat is pain-free.",
        cost=_inr(1_200, "Consultation fee."),
        insurance_coverage="Outpatient consultation: not covered.",
        relation=OpinionRelation.CONFIRMS,
        relates_to_id=second,
        notes="A third opinion, asked for because the first two disagreed.",
    )
    w.pdf(
        case,
        RecordKind.IMAGING_REPORT,
        "MRI report, right knee",
        f"""
        Patient: Meera Iyer (demo)        Age/Sex: 39/F
        Study: MRI right knee, 1.5 T, without contrast        Date: {_day(-80)}
        Referred by: Dr. Vikram Rao (demo)

        Findings:
        - Horizontal-oblique tear of the posterior horn of the medial meniscus.
        - Cruciate and collateral ligaments intact.
        - Mild thinning of the cartilage of the medial femoral condyle (grade 1-2).
        - Small joint effusion. No loose body.

        Impression: tear of the posterior horn of the medial meniscus, right knee;
        early cartilage wear of the medial compartment.

        Reported by: Dr. Kiran Bhat (demo), Radiologist, Sunrise Imaging (demo)
        """,
        -80,
        source="Sunrise Imaging (demo)",
    )
    w.pdf(
        case,
        RecordKind.LETTER,
        "Physiotherapy assessment, right knee",
        f"""
        Patient: Meera Iyer (demo)        Assessed on: {_day(-45)}

        Range of movement: full. Swelling: trace. Locking during the assessment: none.
        Quadriceps strength: 4/5 right, 5/5 left. Hip abductors: 4/5 right.
        Single-leg squat: painful at 40 degrees on the right.

        Plan: supervised exercise therapy twice a week for 6-8 weeks, home exercises
        daily, reassessment at 8 weeks.

        Neha Kulkarni, MPT (demo), MoveWell Physiotherapy (demo)
        """,
        -45,
        opinion_id=second,
        source="MoveWell Physiotherapy (demo)",
    )
    w.decision(
        case,
        "Physiotherapy first for 8 weeks, then review; surgery is the next step if the knee "
        "still locks.",
        -25,
        opinion_id=second,
        reason="Two of the three clinicians advise therapy first, the knee has not locked for "
        "two weeks, surgery stays possible later, and therapy costs far less.",
    )
    w.question(
        case,
        "If I try physiotherapy first, can the tear get worse meanwhile?",
        status=_DONE,
        opinion_id=first,
        answer="A small risk, Dr. Rao said. Come back at once if the knee locks and "
        "does not unlock.",
    )
    w.question(
        case,
        "Which signs mean I should stop the exercises and come back?",
        status=_ASKED,
        opinion_id=second,
    )
    w.question(
        case, "Should I still take etoricoxib, or only paracetamol and the gel?", opinion_id=third
    )
    w.task(
        case,
        _K.RECORDS_REQUESTED,
        "Ask Sunrise Imaging for the MRI pictures on a CD",
        due_on=_day(-70),
        done=True,
    )
    w.task(
        case,
        _K.RECORDS_SENT,
        "Send the MRI report to the physiotherapist",
        opinion_id=second,
        due_on=_day(-48),
        done=True,
    )
    w.task(
        case,
        _K.PRE_AUTHORISATION,
        "Insurance pre-authorisation for the arthroscopy (on hold while trying physiotherapy)",
        opinion_id=first,
    )
    w.task(
        case,
        _K.APPOINTMENT,
        "Physiotherapy review after 8 weeks",
        opinion_id=second,
        due_on=_day(11),
    )


# --- the crown for tooth 36: three clinics, three plans, three quotes ---------------------------


def _dental_crown(w: _Writer, patient: int) -> None:
    case = w.case(
        patient,
        "Crown for tooth 36 (demo)",
        "The lower left first molar (tooth 36) has a large old filling that cracked; it hurts "
        "with cold drinks and when biting. Comparing the plans and quotes of three clinics.",
    )
    shah = w.clinician(
        "Dr. Kavita Shah (demo)",
        "Endodontist",
        "Smile Dental Clinic (demo)",
        "reception@smiledental.example",
    )
    pillai = w.clinician(
        "Dr. Arjun Pillai (demo)",
        "General dentist",
        "BrightSmile Dental Care (demo)",
        "care@brightsmile.example",
    )
    joshi = w.clinician(
        "Dr. Sameer Joshi (demo)",
        "Oral surgeon and implantologist",
        "Joshi Implant Centre (demo)",
        "desk@joshi-implants.example",
    )
    plan = (
        "Not covered by the health policy. The employer's dental plan pays up to INR 5,000 a year"
    )
    first = w.opinion(
        case,
        shah,
        -40,
        diagnoses=(
            Diagnosis(
                "Cracked tooth 36 with irreversible pulpitis",
                _LIKELY,
                "Pain lingers after cold; tender to bite.",
            ),
        ),
        severity="The crack reaches the nerve of the tooth, on the X-ray and the cold test.",
        approaches=(Approach.OTHER,),
        approach_details="Root canal treatment, then a zirconia crown: three visits over about "
        "two weeks.",
        medications=(
            _rx(
                "Ibuprofen | 400 mg | 1 tablet | up to three times a day when needed | 3 days | "
                "After food."
            ),
        ),
        procedures=("Root canal treatment, tooth 36", "Zirconia crown, tooth 36"),
        tests=("Dental X-ray (IOPA), tooth 36", "Cold test"),
        urgency=Urgency.SOON,
        follow_up="Start the root canal within 2 weeks; the crown is fitted a week after it.",
        lifestyle="Chew on the right side until the crown is fitted.",
        cost=_inr(18_500, "Root canal INR 7,000 + zirconia crown INR 11,500."),
        insurance_coverage=f"{plan}; a root canal counts as basic work (80% paid).",
        notes="Written estimate attached.",
    )
    w.opinion(
        case,
        pillai,
        -33,
        diagnoses=(
            Diagnosis(
                "Cracked tooth 36, nerve still healthy (reversible pulpitis)",
                _LIKELY,
                "The pain stops as soon as the cold is gone.",
            ),
        ),
        severity="The crack is limited to the crown of the tooth.",
        approaches=(Approach.OTHER,),
        approach_details="A crown only, to hold the tooth together; a root canal later only if "
        "the pain goes on after the crown (about 1 in 5, he said).",
        procedures=("Porcelain-fused-to-metal (PFM) crown, tooth 36",),
        tests=("Cold test and bite test (done at the visit)", "Dental X-ray (IOPA), tooth 36"),
        urgency=Urgency.SOON,
        follow_up="The crown in two visits a week apart; a check after 3 months.",
        lifestyle="No hard foods such as nuts or ice on the left side.",
        cost=_inr(9_000, "PFM crown; a root canal later would be INR 6,500 more."),
        insurance_coverage=f"{plan}; a crown counts as major work (50% paid).",
        relation=OpinionRelation.CHANGES,
        relates_to_id=first,
        notes="Thinks the nerve can be saved.",
    )
    w.opinion(
        case,
        joshi,
        -26,
        diagnoses=(
            Diagnosis(
                "Cracked tooth 36; the crack may run below the gum line",
                _MAYBE,
                "A flat X-ray cannot show it.",
            ),
        ),
        severity="If the crack runs into the root, the tooth cannot be kept for long.",
        approaches=(Approach.MORE_TESTS, Approach.SURGERY),
        approach_details="A 3D scan (CBCT) first; if the crack reaches the root, take the tooth "
        "out and place an implant with a ceramic crown (3–4 months in all).",
        medications=(
            _rx(
                "Amoxicillin | 500 mg | 1 capsule | three times a day | 5 days | Only if the "
                "implant is done; start on the day of surgery."
            ),
            _rx(
                "Chlorhexidine mouthwash | 0.2% | 10 ml | twice daily | 1 week | Rinse for 30 "
                "seconds after surgery; do not swallow.",
                route=Route.TOPICAL,
            ),
        ),
        procedures=(
            "Extraction of tooth 36",
            "Bone graft if needed",
            "Titanium implant with a ceramic crown, tooth 36",
        ),
        tests=("CBCT scan of the lower left jaw",),
        urgency=Urgency.ROUTINE,
        follow_up="The CBCT scan first, then a planning visit.",
        cost=_inr(55_000, "Extraction, implant and crown; a bone graft is INR 8,000 more."),
        insurance_coverage="Implants are covered neither by the health policy nor by the "
        "dental plan.",
        relation=OpinionRelation.CHANGES,
        relates_to_id=first,
        notes="The dearest plan, and the only clinic that wants a 3D scan first.",
    )
    w.png(
        case,
        RecordKind.IMAGING_REPORT,
        "Dental X-ray, tooth 36",
        """
        DEMO IMAGE
        X-RAY TOOTH 36 (IOPA)
        NOT A REAL X-RAY
        """,
        -40,
        opinion_id=first,
        source="Smile Dental Clinic (demo)",
    )
    w.pdf(
        case,
        RecordKind.BILL,
        "Treatment estimate, Smile Dental Clinic",
        f"""
        Patient: Meera Iyer (demo)        Date: {_day(-40)}

        1. Root canal treatment, tooth 36 (3 canals):    INR 7,000
        2. Zirconia crown, tooth 36:    INR 11,500
        Total:    INR 18,500

        Valid for 30 days.    Dr. Kavita Shah (demo), Smile Dental Clinic (demo)
        """,
        -40,
        opinion_id=first,
        source="Smile Dental Clinic (demo)",
    )
    w.question(
        case,
        "If the crack goes below the gum, will a crown still hold? How would we know without "
        "the 3D scan?",
    )
    w.question(
        case,
        "Does the dental plan count the crown as major or basic work?",
        status=_DONE,
        answer="Major work: the plan pays 50%, up to INR 5,000 a year.",
    )
    w.task(case, _K.INSURANCE_COVERAGE, "Check the dental plan's limit for crowns", done=True)
    w.task(case, _K.RECORDS_SENT, "Take the X-ray to the other two clinics", done=True)
    w.task(
        case,
        _K.APPOINTMENT,
        "CBCT scan at Joshi Implant Centre (only if choosing the implant)",
        due_on=_day(10),
    )


# --- the thyroid nodule: a needle biopsy now, or watch and scan again ---------------------------


def _thyroid_nodule(w: _Writer, patient: int) -> None:
    case = w.case(
        patient,
        "Thyroid nodule (demo)",
        "A 1.6 cm nodule in the right lobe of the thyroid, found by chance on an ultrasound at a "
        "health check-up; the thyroid blood tests are normal. An endocrinologist advises a needle "
        "biopsy now; a surgeon advises a repeat ultrasound in 6–12 months.",
    )
    menon = w.clinician(
        "Dr. Asha Menon (demo)",
        "Endocrinologist",
        "City Endocrine Clinic (demo)",
        "clinic@cityendocrine.example",
    )
    desai = w.clinician(
        "Dr. Rohan Desai (demo)",
        "Endocrine surgeon",
        "Lakeside Hospital (demo)",
        "endocrine.surgery@lakeside.example",
    )
    first = w.opinion(
        case,
        menon,
        -50,
        diagnoses=(
            Diagnosis(
                "Right thyroid nodule, 1.6 cm, TI-RADS 4 (moderately suspicious)",
                _SURE,
                "Solid, slightly darker than the thyroid on ultrasound.",
            ),
            Diagnosis(
                "Thyroid cancer",
                _MAYBE,
                "Cannot be ruled out without a biopsy; most such nodules are benign.",
            ),
        ),
        severity="TI-RADS 4 and larger than 1.5 cm, the size at which guidelines advise a biopsy.",
        approaches=(Approach.MORE_TESTS,),
        approach_details="Ultrasound-guided fine-needle aspiration (FNA) biopsy now; decide on "
        "any treatment once the cytology result (Bethesda category) is known.",
        medications=(
            _rx(
                "Telmisartan | 40 mg | 1 tablet | once daily | | Carry on as usual, also on the "
                "day of the biopsy.",
                action=MedicationAction.CONTINUE,
            ),
        ),
        procedures=("Ultrasound-guided fine-needle aspiration biopsy, right thyroid nodule",),
        tests=(
            "FNA cytology, Bethesda classification",
            "TSH (done: normal)",
            "Ultrasound of the lymph nodes of the neck",
        ),
        urgency=Urgency.SOON,
        follow_up="Biopsy within 2–3 weeks; a results visit one week after it.",
        lifestyle="No change needed. No iodine or kelp supplements.",
        cost=_inr(4_500, "FNA biopsy with the cytology report."),
        insurance_coverage="An outpatient biopsy is not covered; surgery, if it is ever needed, "
        "is covered by the family floater policy.",
        notes="Sure that a biopsy is needed. It takes about 15 minutes, with no hospital stay.",
    )
    second = w.opinion(
        case,
        desai,
        -21,
        diagnoses=(
            Diagnosis(
                "Right thyroid nodule, 1.6 cm, probably benign (TI-RADS 3 as he reads it)",
                _LIKELY,
                "Mostly spongy in structure, no microcalcifications.",
            ),
            Diagnosis("Thyroid cancer", _MAYBE, "Unlikely at this stage, he said."),
        ),
        severity="Low suspicion.",
        approaches=(Approach.WATCHFUL_WAITING,),
        approach_details="No biopsy for now. A repeat ultrasound in 6–12 months; a biopsy if "
        "the nodule grows by more than 20% in two dimensions or shows new suspicious features.",
        tests=("Repeat neck ultrasound in 6–12 months", "TSH once a year"),
        urgency=Urgency.ROUTINE,
        follow_up="Ultrasound in 6–12 months (around March 2027), then yearly if unchanged.",
        lifestyle="See a doctor sooner for a fast-growing lump, a hoarse voice or trouble "
        "swallowing.",
        cost=_inr(1_800, "Repeat ultrasound."),
        insurance_coverage="An outpatient ultrasound is not covered.",
        relation=OpinionRelation.CHANGES,
        relates_to_id=first,
        notes="Read the same ultrasound pictures differently (TI-RADS 3, not 4). Said a biopsy "
        "is also reasonable if the family prefers certainty.",
    )
    w.pdf(
        case,
        RecordKind.IMAGING_REPORT,
        "Ultrasound report, thyroid",
        f"""
        Patient: Lakshmi Iyer (demo)        Age/Sex: 69/F        Date: {_day(-70)}

        Right lobe: solid nodule, 16 x 11 x 10 mm, slightly hypoechoic,
        wider than tall, smooth margins, no microcalcifications.
        Left lobe and isthmus: normal. No enlarged lymph nodes in the neck.

        Impression: right thyroid nodule, ACR TI-RADS 4. FNA may be considered.

        Reported by: Dr. Kiran Bhat (demo), Radiologist, Sunrise Imaging (demo)
        """,
        -70,
        source="Sunrise Imaging (demo)",
    )
    w.pdf(
        case,
        RecordKind.LAB_RESULT,
        "Thyroid function tests",
        f"""
        Patient: Lakshmi Iyer (demo)        Sample collected: {_day(-72)}

        TSH:    2.1 mIU/L    (reference 0.4 - 4.5)
        Free T4:    1.2 ng/dL    (reference 0.8 - 1.8)

        Within the reference ranges.    Demo Diagnostics Laboratory (demo)
        """,
        -72,
        source="Demo Diagnostics Laboratory (demo)",
    )
    w.question(
        case,
        "The two doctors rate the nodule differently (TI-RADS 4 and 3). Can a second "
        "radiologist look at the pictures?",
    )
    w.question(
        case,
        "If we wait, which change on the next ultrasound would mean a biopsy?",
        status=_DONE,
        opinion_id=second,
        answer="Growth by more than 20% in two dimensions (at least 2 mm), or new suspicious "
        "features.",
    )
    w.question(
        case,
        "Does Amma need to stop any of her medicines before the biopsy?",
        status=_ASKED,
        opinion_id=first,
    )
    w.task(case, _K.REFERRAL, "Referral letter from the family doctor", done=True)
    w.task(
        case,
        _K.RECORDS_SENT,
        "Send the ultrasound pictures and report to Dr. Desai",
        opinion_id=second,
        due_on=_day(-24),
        done=True,
    )
    w.task(case, _K.QUESTIONS_PREPARED, "Questions ready for the next visit", done=True)
    w.task(case, _K.APPOINTMENT, "Book the biopsy, if we choose it", opinion_id=first)


# --- the sinus infection: two prescriptions, the same medicines in different words --------------


def _sinusitis(w: _Writer, patient: int) -> None:
    case = w.case(
        patient,
        "Sinus infection (demo)",
        "Blocked nose, pain over the cheeks and fever for ten days after a cold. Two doctors "
        "wrote two prescriptions a few days apart, naming the same medicines differently: "
        "compare them before taking anything.",
    )
    nair = w.clinician(
        "Dr. Suresh Nair (demo)",
        "General physician",
        "Nair Family Clinic, Bengaluru (demo)",
        "reception@nair-clinic.example",
    )
    fernandes = w.clinician(
        "Dr. Anita Fernandes (demo)",
        "ENT specialist",
        "Bengaluru ENT Care (demo)",
        "ent@bengaluru-ent.example",
    )
    first = w.opinion(
        case,
        nair,
        -9,
        diagnoses=(Diagnosis("Acute sinusitis", _LIKELY),),
        severity="Moderate: fever of 38.4 °C, tender over both cheeks.",
        approaches=(Approach.MEDICATION,),
        approach_details="An antibiotic, fever medicine and an anti-allergy tablet for 5 days.",
        medications=(
            _rx("Tab Dolo 650 | 650 mg | 1 tab | 1-0-1 | × 5 days | After food."),
            _rx("Tab Augmentin 625 Duo | 625 mg | 1 tab | 1-0-1 | × 5 days | After food."),
            _rx("Tab Pan 40 | 40 mg | 1 tab | 1-0-0 | × 5 days | Before breakfast."),
            _rx("Tab Montek LC | 10 mg/5 mg | 1 tab | 0-0-1 | × 5 days | At night."),
        ),
        urgency=Urgency.SOON,
        follow_up="Come back if the fever lasts more than 3 days.",
        lifestyle="Steam inhalation twice a day; plenty of warm fluids.",
        cost=_inr(500, "Consultation; the medicines cost about INR 400 more."),
        insurance_coverage="Outpatient visit: not covered.",
        notes="Handwritten prescription; a photo is attached.",
    )
    second = w.opinion(
        case,
        fernandes,
        -6,
        diagnoses=(
            Diagnosis(
                "Acute bacterial rhinosinusitis (maxillary)",
                _SURE,
                "Pus seen draining on nasal endoscopy.",
            ),
            Diagnosis("Allergic rhinitis", _MAYBE),
        ),
        severity="Moderate; no signs of spread around the eyes.",
        approaches=(Approach.MEDICATION, Approach.MORE_TESTS),
        approach_details="A longer, stronger antibiotic course, an antihistamine at night and "
        "saline rinses. A CT of the sinuses only if not better in 2 weeks.",
        medications=(
            _rx("paracetamol | 650 mg | 1 tablet | twice daily | for 5 days | For fever or pain."),
            _rx(
                "amoxicillin + clavulanic acid | 875/125 mg | 1 tablet | twice daily | for 7 days "
                "| After food; finish the course."
            ),
            _rx(
                "cetirizine | 10 mg | 1 tablet | at night (HS) | for 10 days | May cause "
                "drowsiness."
            ),
        ),
        tests=("Nasal endoscopy (done at the visit)", "CT of the sinuses if not better in 2 weeks"),
        urgency=Urgency.SOON,
        follow_up="Review after the 7-day course.",
        lifestyle="Saline nasal rinse twice a day; steam inhalation; plenty of fluids.",
        cost=_inr(2_300, "Consultation INR 800 + nasal endoscopy INR 1,500."),
        insurance_coverage="Outpatient visit and endoscopy: not covered.",
        relation=OpinionRelation.REFINES,
        relates_to_id=first,
        notes="Printed prescription attached. Said 5 days of antibiotic is often too short for "
        "sinusitis at Amma's age.",
    )
    w.png(
        case,
        RecordKind.PRESCRIPTION,
        "Prescription photo, Dr. Nair",
        """
        DEMO - not a real prescription
        Dr. Suresh Nair (demo)
        Rx
        Tab Dolo 650            1-0-1 x 5 days
        Tab Augmentin 625 Duo   1-0-1 x 5 days
        Tab Pan 40              1-0-0 x 5 days (before breakfast)
        Tab Montek LC           0-0-1 x 5 days
        """,
        -9,
        opinion_id=first,
        source="Nair Family Clinic (demo)",
    )
    w.pdf(
        case,
        RecordKind.PRESCRIPTION,
        "Prescription, Dr. Fernandes",
        f"""
        Patient: Lakshmi Iyer (demo)        Age: 69        Date: {_day(-6)}
        Diagnosis: acute bacterial rhinosinusitis.

        1. paracetamol 650 mg, 1 tablet twice daily for 5 days (for fever or pain)
        2. amoxicillin + clavulanic acid 875/125 mg, 1 tablet twice daily for 7 days
        3. cetirizine 10 mg, 1 tablet at night (HS) for 10 days
        Saline nasal rinse twice daily. Review after the course.

        Dr. Anita Fernandes (demo), ENT, Bengaluru ENT Care (demo)
        """,
        -6,
        opinion_id=second,
        source="Bengaluru ENT Care (demo)",
    )
    w.question(
        case,
        "Is Dolo 650 the same medicine as paracetamol 650 mg?",
        status=_DONE,
        answer="Yes, the pharmacist said: Dolo 650 is a brand of paracetamol 650 mg. Take one "
        "or the other, never both.",
    )
    w.question(
        case,
        "Which antibiotic should Amma take: Augmentin 625 Duo for 5 days, or amoxicillin + "
        "clavulanic acid 875/125 for 7 days? Not both.",
        opinion_id=second,
    )
    w.question(case, "Is Pan 40 still needed?", status=_ASKED, opinion_id=second)
    w.task(
        case,
        _K.RECORDS_SENT,
        "Show Dr. Nair's prescription to the ENT specialist",
        opinion_id=second,
        done=True,
    )
    w.task(
        case,
        _K.APPOINTMENT,
        "ENT review after the antibiotic course",
        opinion_id=second,
        due_on=_day(3),
    )
