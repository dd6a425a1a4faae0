"""The crown for tooth 36 (Meera's case): three clinics, three plans, three quotes."""

from __future__ import annotations

from caseorganizer.domain import (
    Approach,
    Diagnosis,
    OpinionRelation,
    RecordKind,
    Route,
    Urgency,
)
from caseorganizer.services.demo import people
from caseorganizer.services.demo.writer import (
    DONE,
    LIKELY,
    MAYBE,
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
        "Crown for tooth 36 (demo)",
        "The lower left first molar (tooth 36) has a large old filling that cracked; it hurts "
        "with cold drinks and when biting. Comparing the plans and quotes of three clinics.",
    )
    shah = w.clinician(people.SHAH)
    pillai = w.clinician(people.PILLAI)
    joshi = w.clinician(people.JOSHI)
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
                LIKELY,
                "Pain lingers after cold; tender to bite.",
            ),
        ),
        severity="The crack reaches the nerve of the tooth, on the X-ray and the cold test.",
        approaches=(Approach.OTHER,),
        approach_details="Root canal treatment, then a zirconia crown: three visits over about "
        "two weeks.",
        medications=(
            rx(
                "Ibuprofen | 400 mg | 1 tablet | up to three times a day when needed | 3 days | "
                "After food."
            ),
        ),
        procedures=("Root canal treatment, tooth 36", "Zirconia crown, tooth 36"),
        tests=("Dental X-ray (IOPA), tooth 36", "Cold test"),
        urgency=Urgency.SOON,
        follow_up="Start the root canal within 2 weeks; the crown is fitted a week after it.",
        lifestyle="Chew on the right side until the crown is fitted.",
        cost=inr(18_500, "Root canal INR 7,000 + zirconia crown INR 11,500."),
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
                LIKELY,
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
        cost=inr(9_000, "PFM crown; a root canal later would be INR 6,500 more."),
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
                MAYBE,
                "A flat X-ray cannot show it.",
            ),
        ),
        severity="If the crack runs into the root, the tooth cannot be kept for long.",
        approaches=(Approach.MORE_TESTS, Approach.SURGERY),
        approach_details="A 3D scan (CBCT) first; if the crack reaches the root, take the tooth "
        "out and place an implant with a ceramic crown (3–4 months in all).",
        medications=(
            rx(
                "Amoxicillin | 500 mg | 1 capsule | three times a day | 5 days | Only if the "
                "implant is done; start on the day of surgery."
            ),
            rx(
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
        cost=inr(55_000, "Extraction, implant and crown; a bone graft is INR 8,000 more."),
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
        Patient: Meera Iyer (demo)        Date: {day(-40)}

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
        status=DONE,
        answer="Major work: the plan pays 50%, up to INR 5,000 a year.",
    )
    w.task(case, K.INSURANCE_COVERAGE, "Check the dental plan's limit for crowns", done=True)
    w.task(case, K.RECORDS_SENT, "Take the X-ray to the other two clinics", done=True)
    w.task(
        case,
        K.APPOINTMENT,
        "CBCT scan at Joshi Implant Centre (only if choosing the implant)",
        due_on=day(10),
    )
