"""The demo's invented people: the two patients (Meera, who keeps the vault, and her mother
Lakshmi, whose cases she manages as a caregiver) and the ten clinicians of the four cases.

These are values only; the scenario modules add them through ``Writer`` in their own order."""

from __future__ import annotations

from caseorganizer.domain import Clinician, Patient, Relationship
from caseorganizer.services.demo.writer import DEMO_DATA, FICTIONAL

# --- patients -----------------------------------------------------------------------------------

MEERA = Patient(
    "Meera Iyer (demo)",
    Relationship.SELF,
    1987,
    f"{DEMO_DATA} Meera keeps this vault for herself and for her mother.",
)
LAKSHMI = Patient(
    "Lakshmi Iyer (demo)",
    Relationship.PARENT,
    1957,
    f"{DEMO_DATA} Meera's mother; Meera manages her cases as her caregiver. "
    "Takes telmisartan 40 mg once a day for blood pressure.",
)


# --- clinicians ---------------------------------------------------------------------------------


def _clinician(name: str, specialty: str, organisation: str, contact: str) -> Clinician:
    return Clinician(name, specialty, organisation, contact, FICTIONAL)


# The knee.
RAO = _clinician(
    "Dr. Vikram Rao (demo)",
    "Orthopaedic surgeon",
    "Sunrise Orthopaedic Centre, Bengaluru (demo)",
    "frontdesk@sunrise-ortho.example",
)
KULKARNI = _clinician(
    "Neha Kulkarni, MPT (demo)",
    "Sports physiotherapist",
    "MoveWell Physiotherapy (demo)",
    "hello@movewell-physio.example",
)
QURESHI = _clinician(
    "Dr. Farhan Qureshi (demo)",
    "Sports medicine physician",
    "City Sports Medicine Clinic (demo)",
    "appointments@citysports.example",
)

# The crown for tooth 36.
SHAH = _clinician(
    "Dr. Kavita Shah (demo)",
    "Endodontist",
    "Smile Dental Clinic (demo)",
    "reception@smiledental.example",
)
PILLAI = _clinician(
    "Dr. Arjun Pillai (demo)",
    "General dentist",
    "BrightSmile Dental Care (demo)",
    "care@brightsmile.example",
)
JOSHI = _clinician(
    "Dr. Sameer Joshi (demo)",
    "Oral surgeon and implantologist",
    "Joshi Implant Centre (demo)",
    "desk@joshi-implants.example",
)

# The thyroid nodule.
MENON = _clinician(
    "Dr. Asha Menon (demo)",
    "Endocrinologist",
    "City Endocrine Clinic (demo)",
    "clinic@cityendocrine.example",
)
DESAI = _clinician(
    "Dr. Rohan Desai (demo)",
    "Endocrine surgeon",
    "Lakeside Hospital (demo)",
    "endocrine.surgery@lakeside.example",
)

# The sinus infection.
NAIR = _clinician(
    "Dr. Suresh Nair (demo)",
    "General physician",
    "Nair Family Clinic, Bengaluru (demo)",
    "reception@nair-clinic.example",
)
FERNANDES = _clinician(
    "Dr. Anita Fernandes (demo)",
    "ENT specialist",
    "Bengaluru ENT Care (demo)",
    "ent@bengaluru-ent.example",
)
