"""Realistic, fully filled domain objects (every field set) for the form tests and screenshots."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from caseorganizer.domain import (
    Approach,
    Case,
    CaseStatus,
    Certainty,
    Clinician,
    CostQuote,
    Diagnosis,
    Medication,
    MedicationAction,
    Opinion,
    OpinionRelation,
    Patient,
    Relationship,
    Route,
    Urgency,
)

CREATED = datetime(2024, 2, 1, 9, 30)
UPDATED = datetime(2024, 3, 14, 18, 5)

PATIENT = Patient(
    name="Kamala Rao",
    relationship=Relationship.PARENT,
    birth_year=1951,
    notes="Allergic to penicillin. Hearing aid in the left ear; prefers morning appointments.",
    id=3,
    created_at=CREATED,
    updated_at=UPDATED,
)
OTHER_PATIENT = Patient(name="Arjun Rao", relationship=Relationship.SELF, birth_year=1979, id=4)

CLINICIANS = [
    Clinician(
        name="Dr Meera Iyer",
        specialty="Endocrinology",
        organisation="Apollo Clinic, Bengaluru",
        contact="+91 80 2222 3333, clinic reception",
        notes="Explains things slowly; asked us to bring all earlier scans.",
        id=11,
    ),
    Clinician(
        name="Dr Thomas Berger",
        specialty="Surgery",
        organisation="St. Anna Hospital",
        contact="t.berger@example.org",
        id=12,
    ),
]

CASE = Case(
    patient_id=3,
    title="Thyroid nodule",
    description="A 2.8 cm nodule found on a routine ultrasound in January. The first doctor "
    "suggested surgery; we want a second opinion before deciding.",
    status=CaseStatus.DECIDED,
    id=21,
    created_at=CREATED,
    updated_at=UPDATED,
)

MEDICATIONS = (
    Medication(
        drug="Levothyroxine",
        strength="50 mcg",
        dose="1 tablet",
        route=Route.ORAL,
        frequency="once daily",
        duration="6 weeks",
        instructions="On an empty stomach, 30 minutes before breakfast",
        action=MedicationAction.CONTINUE,
    ),
    Medication(
        drug="Paracetamol",
        strength="500 mg",
        dose="1-2 tablets",
        route=Route.ORAL,
        frequency="up to 4 times a day",
        duration="5 days after surgery",
        instructions="No more than 8 tablets in 24 hours",
        action=MedicationAction.START,
    ),
    Medication(
        drug="Cholecalciferol (vitamin D3)",
        strength="60000 IU",
        dose="1 sachet",
        route=Route.ORAL,
        frequency="once a week",
        duration="8 weeks",
        instructions="Mix in milk",
        action=MedicationAction.CHANGE,
    ),
)

OPINION = Opinion(
    case_id=21,
    clinician_id=12,
    consulted_on=date(2024, 3, 12),
    diagnoses=(
        Diagnosis("Thyroid nodule, right lobe", Certainty.CONFIRMED, "2.8 cm on ultrasound"),
        Diagnosis("Multinodular goitre", Certainty.POSSIBLE, "needs a second scan"),
    ),
    severity="Bethesda III (indeterminate) on needle biopsy",
    approaches=(Approach.SURGERY, Approach.MORE_TESTS),
    approach_details="Remove the right half of the thyroid; a molecular test of the biopsy "
    "sample first, if the insurer pays for it.",
    medications=MEDICATIONS,
    procedures=("Right hemithyroidectomy", "Frozen section during surgery"),
    tests=("TSH and free T4", "Neck ultrasound", "Molecular test of the biopsy sample"),
    urgency=Urgency.SOON,
    follow_up="Review with the results in 4 weeks",
    lifestyle="No heavy lifting for two weeks after surgery.\nKeep taking the thyroid tablet "
    "at the same time every day.",
    cost=CostQuote(Decimal("1200.50"), "EUR", "Surgery, two nights in hospital, pathology"),
    insurance_coverage="80% after pre-authorisation",
    relation=OpinionRelation.CHANGES,
    relates_to_id=7,
    notes="Dr Berger thinks the first surgeon's plan to remove the whole thyroid is more than "
    "needed. Ask about the voice risk.",
    id=9,
    created_at=CREATED,
    updated_at=UPDATED,
)

EARLIER = [(7, "Dr Meera Iyer, 2 February 2024"), (8, "Dr S. Kulkarni, 20 February 2024")]
