"""The knee (Meera's case): keyhole surgery soon, or physiotherapy first.

A torn meniscus after badminton; a surgeon, a physiotherapist and a sports physician; the MRI
report, a physiotherapy assessment, and the decision taken.
"""

from __future__ import annotations

from caseorganizer.domain import (
    Approach,
    CaseStatus,
    Diagnosis,
    MedicationAction,
    OpinionRelation,
    RecordKind,
    Route,
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
        "Right knee pain after badminton (demo)",
        "Pain on the inner side of the right knee, and locking now and then, since a badminton "
        "game in late May. The MRI shows a torn meniscus. A surgeon advises keyhole surgery soon; "
        "a physiotherapist and a sports physician advise physiotherapy first.",
        status=CaseStatus.DECIDED,
    )
    surgeon = w.clinician(people.RAO)
    physio = w.clinician(people.KULKARNI)
    sports = w.clinician(people.QURESHI)
    first = w.opinion(
        case,
        surgeon,
        -75,
        diagnoses=(
            Diagnosis(
                "Tear of the medial meniscus, right knee (posterior horn)", SURE, "On the MRI."
            ),
            Diagnosis("Early cartilage wear, inner side of the right knee", MAYBE),
        ),
        severity="Moderate: a complex tear, with locking about twice a week.",
        approaches=(Approach.SURGERY, Approach.MEDICATION),
        approach_details="Arthroscopic (keyhole) partial meniscectomy within 2–3 weeks, as "
        "day-care surgery; crutches for a few days, then physiotherapy for 4–6 weeks.",
        medications=(
            rx("Etoricoxib | 90 mg | 1 tablet | once daily | 10 days | After food."),
            rx("Pantoprazole | 40 mg | 1 tablet | once daily | 10 days | Before breakfast."),
        ),
        procedures=("Arthroscopic partial medial meniscectomy, right knee",),
        tests=("MRI right knee (done)", "Blood tests before surgery: CBC, blood sugar", "ECG"),
        urgency=Urgency.SOON,
        follow_up="Come back with the tests within a week; after surgery, wound check on day 10.",
        lifestyle="No badminton, deep squats or running until the surgery. Ice for 15 minutes "
        "after activity.",
        cost=inr(
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
                LIKELY,
                "Reads the MRI as wear more than injury.",
            ),
            Diagnosis("Weak thigh (quadriceps) and hip muscles", SURE),
        ),
        severity="Mild to moderate: full range of movement, no locking at the assessment.",
        approaches=(Approach.THERAPY, Approach.LIFESTYLE),
        approach_details="Supervised physiotherapy twice a week for 6–8 weeks (thigh and hip "
        "strengthening, balance), and home exercises every day. Review after 8 weeks; think "
        "about surgery only if the knee still locks or gives way.",
        medications=(
            rx(
                "Paracetamol | 500 mg | 1–2 tablets | up to three times a day when needed | "
                "while in pain | Only on painful days, as agreed with your doctor."
            ),
        ),
        tests=("Single-leg squat and hop tests at the review",),
        urgency=Urgency.ROUTINE,
        follow_up="Reassessment after 8 weeks of exercises.",
        lifestyle="Keep moving: cycling and swimming are fine. Pause badminton and deep squats. "
        "Losing 3–4 kg over the next months takes load off the knee.",
        cost=inr(14_400, "16 sessions at INR 900 each."),
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
        diagnoses=(Diagnosis("Tear of the medial meniscus, right knee", SURE),),
        severity="Moderate; no true locking in the last two weeks.",
        approaches=(Approach.THERAPY, Approach.MEDICATION),
        approach_details="Agrees with physiotherapy first. Surgery if the knee locks and cannot "
        "be straightened, or if there is no progress after 8–12 weeks.",
        medications=(
            rx(
                "Etoricoxib | 90 mg | | | | Not needed with the gel; can upset the stomach.",
                action=MedicationAction.STOP,
            ),
            rx(
                "Diclofenac gel | 1% | a thin layer | three times a day | 2 weeks | "
                "Rub in gently over the painful area.",
                route=Route.TOPICAL,
            ),
            rx(
                "Paracetamol | 650 mg | 1 tablet | up to three times a day | when needed | "
                "No more than 3 tablets in 24 hours."
            ),
        ),
        tests=("Knee examination again at the follow-up",),
        urgency=Urgency.ROUTINE,
        follow_up="See again in 6 weeks, or at once if the knee locks.",
        lifestyle="Stationary cycling 20 minutes a day. Back to badminton only when a single-leg "
        "squat is pain-free.",
        cost=inr(1_200, "Consultation fee."),
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
        Study: MRI right knee, 1.5 T, without contrast        Date: {day(-80)}
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
        Patient: Meera Iyer (demo)        Assessed on: {day(-45)}

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
        status=DONE,
        opinion_id=first,
        answer="A small risk, Dr. Rao said. Come back at once if the knee locks and "
        "does not unlock.",
    )
    w.question(
        case,
        "Which signs mean I should stop the exercises and come back?",
        status=ASKED,
        opinion_id=second,
    )
    w.question(
        case, "Should I still take etoricoxib, or only paracetamol and the gel?", opinion_id=third
    )
    w.task(
        case,
        K.RECORDS_REQUESTED,
        "Ask Sunrise Imaging for the MRI pictures on a CD",
        due_on=day(-70),
        done=True,
    )
    w.task(
        case,
        K.RECORDS_SENT,
        "Send the MRI report to the physiotherapist",
        opinion_id=second,
        due_on=day(-48),
        done=True,
    )
    w.task(
        case,
        K.PRE_AUTHORISATION,
        "Insurance pre-authorisation for the arthroscopy (on hold while trying physiotherapy)",
        opinion_id=first,
    )
    w.task(
        case,
        K.APPOINTMENT,
        "Physiotherapy review after 8 weeks",
        opinion_id=second,
        due_on=day(11),
    )
