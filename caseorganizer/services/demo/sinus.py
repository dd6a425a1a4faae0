"""The sinus infection (Lakshmi's case): two prescriptions naming the same medicines differently."""

from __future__ import annotations

from caseorganizer.domain import (
    Approach,
    Diagnosis,
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
        "Sinus infection (demo)",
        "Blocked nose, pain over the cheeks and fever for ten days after a cold. Two doctors "
        "wrote two prescriptions a few days apart, naming the same medicines differently: "
        "compare them before taking anything.",
    )
    nair = w.clinician(people.NAIR)
    fernandes = w.clinician(people.FERNANDES)
    first = w.opinion(
        case,
        nair,
        -9,
        diagnoses=(Diagnosis("Acute sinusitis", LIKELY),),
        severity="Moderate: fever of 38.4 °C, tender over both cheeks.",
        approaches=(Approach.MEDICATION,),
        approach_details="An antibiotic, fever medicine and an anti-allergy tablet for 5 days.",
        medications=(
            rx("Tab Dolo 650 | 650 mg | 1 tab | 1-0-1 | × 5 days | After food."),
            rx("Tab Augmentin 625 Duo | 625 mg | 1 tab | 1-0-1 | × 5 days | After food."),
            rx("Tab Pan 40 | 40 mg | 1 tab | 1-0-0 | × 5 days | Before breakfast."),
            rx("Tab Montek LC | 10 mg/5 mg | 1 tab | 0-0-1 | × 5 days | At night."),
        ),
        urgency=Urgency.SOON,
        follow_up="Come back if the fever lasts more than 3 days.",
        lifestyle="Steam inhalation twice a day; plenty of warm fluids.",
        cost=inr(500, "Consultation; the medicines cost about INR 400 more."),
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
                SURE,
                "Pus seen draining on nasal endoscopy.",
            ),
            Diagnosis("Allergic rhinitis", MAYBE),
        ),
        severity="Moderate; no signs of spread around the eyes.",
        approaches=(Approach.MEDICATION, Approach.MORE_TESTS),
        approach_details="A longer, stronger antibiotic course, an antihistamine at night and "
        "saline rinses. A CT of the sinuses only if not better in 2 weeks.",
        medications=(
            rx("paracetamol | 650 mg | 1 tablet | twice daily | for 5 days | For fever or pain."),
            rx(
                "amoxicillin + clavulanic acid | 875/125 mg | 1 tablet | twice daily | for 7 days "
                "| After food; finish the course."
            ),
            rx(
                "cetirizine | 10 mg | 1 tablet | at night (HS) | for 10 days | May cause "
                "drowsiness."
            ),
        ),
        tests=("Nasal endoscopy (done at the visit)", "CT of the sinuses if not better in 2 weeks"),
        urgency=Urgency.SOON,
        follow_up="Review after the 7-day course.",
        lifestyle="Saline nasal rinse twice a day; steam inhalation; plenty of fluids.",
        cost=inr(2_300, "Consultation INR 800 + nasal endoscopy INR 1,500."),
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
        Patient: Lakshmi Iyer (demo)        Age: 69        Date: {day(-6)}
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
        status=DONE,
        answer="Yes, the pharmacist said: Dolo 650 is a brand of paracetamol 650 mg. Take one "
        "or the other, never both.",
    )
    w.question(
        case,
        "Which antibiotic should Amma take: Augmentin 625 Duo for 5 days, or amoxicillin + "
        "clavulanic acid 875/125 for 7 days? Not both.",
        opinion_id=second,
    )
    w.question(case, "Is Pan 40 still needed?", status=ASKED, opinion_id=second)
    w.task(
        case,
        K.RECORDS_SENT,
        "Show Dr. Nair's prescription to the ENT specialist",
        opinion_id=second,
        done=True,
    )
    w.task(
        case,
        K.APPOINTMENT,
        "ENT review after the antibiotic course",
        opinion_id=second,
        due_on=day(3),
    )
