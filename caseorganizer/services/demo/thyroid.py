"""The thyroid nodule (Lakshmi's case): a needle biopsy now, or watch and scan again."""

from __future__ import annotations

from caseorganizer.domain import (
    Approach,
    Diagnosis,
    MedicationAction,
    OpinionRelation,
    RecordKind,
    Urgency,
)
from caseorganizer.services.demo import people
from caseorganizer.services.demo.writer import (
    ASKED,
    DONE,
    LIKELY,
    MAYBE,
    SURE,
    K,
    Writer,
    day,
    inr,
    rx,
)


def add(w: Writer, patient: int) -> None:
    """Add the case, its clinicians, opinions, records, questions and tasks for ``patient``."""
    case = w.case(
        patient,
        "Thyroid nodule (demo)",
        "A 1.6 cm nodule in the right lobe of the thyroid, found by chance on an ultrasound at a "
        "health check-up; the thyroid blood tests are normal. An endocrinologist advises a needle "
        "biopsy now; a surgeon advises a repeat ultrasound in 6–12 months.",
    )
    menon = w.clinician(people.MENON)
    desai = w.clinician(people.DESAI)
    first = w.opinion(
        case,
        menon,
        -50,
        diagnoses=(
            Diagnosis(
                "Right thyroid nodule, 1.6 cm, TI-RADS 4 (moderately suspicious)",
                SURE,
                "Solid, slightly darker than the thyroid on ultrasound.",
            ),
            Diagnosis(
                "Thyroid cancer",
                MAYBE,
                "Cannot be ruled out without a biopsy; most such nodules are benign.",
            ),
        ),
        severity="TI-RADS 4 and larger than 1.5 cm, the size at which guidelines advise a biopsy.",
        approaches=(Approach.MORE_TESTS,),
        approach_details="Ultrasound-guided fine-needle aspiration (FNA) biopsy now; decide on "
        "any treatment once the cytology result (Bethesda category) is known.",
        medications=(
            rx(
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
        cost=inr(4_500, "FNA biopsy with the cytology report."),
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
                LIKELY,
                "Mostly spongy in structure, no microcalcifications.",
            ),
            Diagnosis("Thyroid cancer", MAYBE, "Unlikely at this stage, he said."),
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
        cost=inr(1_800, "Repeat ultrasound."),
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
        Patient: Lakshmi Iyer (demo)        Age/Sex: 69/F        Date: {day(-70)}

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
        Patient: Lakshmi Iyer (demo)        Sample collected: {day(-72)}

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
        status=DONE,
        opinion_id=second,
        answer="Growth by more than 20% in two dimensions (at least 2 mm), or new suspicious "
        "features.",
    )
    w.question(
        case,
        "Does Amma need to stop any of her medicines before the biopsy?",
        status=ASKED,
        opinion_id=first,
    )
    w.task(case, K.REFERRAL, "Referral letter from the family doctor", done=True)
    w.task(
        case,
        K.RECORDS_SENT,
        "Send the ultrasound pictures and report to Dr. Desai",
        opinion_id=second,
        due_on=day(-24),
        done=True,
    )
    w.task(case, K.QUESTIONS_PREPARED, "Questions ready for the next visit", done=True)
    w.task(case, K.APPOINTMENT, "Book the biopsy, if we choose it", opinion_id=first)
