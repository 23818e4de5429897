#!/usr/bin/env python3
"""Write the labelled documents the record-category classifier is trained and tested on.

Every sentence, header and form layout below was written by hand for this project; the script only
combines them (agencies, people, dates and numbers are drawn at random, all fictitious). To keep
the held-out split honest, every pool of hand-written text is cut in two: items whose index is a
multiple of 4 are used ONLY in held-out documents, the rest ONLY in training documents, and
held-out documents come from other agencies. So a held-out document never repeats a sentence the
model was trained on; it shares vocabulary and style, as real records from one state would.

Output (deterministic): samples/classify/{train,heldout}/NAME.txt and NAME.json with keys
``level`` and ``categories`` (same label format as samples/corpus).

Run from the repository root:   python samples/classify/generate.py
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent

TRAIN_AGENCIES = [
    "Harlan Grove Police Department",
    "Marrow County Sheriff's Office",
    "City of Eastbrook Police",
    "Pine Hollow Township Police Department",
    "Redwater Metropolitan Police",
    "Sable Bay Police Department",
    "Kettering Falls Police Department",
    "Lone Cedar County Sheriff",
    "North Arden Police Department",
    "Wexford Borough Police",
]
HELDOUT_AGENCIES = [
    "Coldspring Police Department",
    "Tamarack County Sheriff's Office",
    "Bellmont City Police",
    "Orchard Valley Police Department",
]
FIRST = [
    "Maria",
    "James",
    "Aaliyah",
    "Robert",
    "Keisha",
    "Daniel",
    "Linh",
    "Marcus",
    "Sofia",
    "Tyrone",
    "Emily",
    "Jorge",
    "Priya",
    "Kevin",
    "Dana",
    "Samuel",
    "Rosa",
    "Derek",
    "Hannah",
    "Luis",
    "Brianna",
    "Curtis",
    "Mei",
    "Andre",
    "Fatima",
    "Colin",
    "Yesenia",
    "Grant",
    "Nadia",
    "Owen",
]
LAST = [
    "Alvarez",
    "Thompson",
    "Nguyen",
    "Okafor",
    "Kowalski",
    "Brennan",
    "Delgado",
    "Whitfield",
    "Patel",
    "Morrison",
    "Castillo",
    "Hughes",
    "Rasmussen",
    "Boateng",
    "Ferreira",
    "Lindqvist",
    "Mbeki",
    "Sullivan",
    "Tran",
    "Herrera",
    "Gallagher",
    "Novak",
    "Washington",
    "Yilmaz",
    "Prescott",
    "Abernathy",
]
STREETS = [
    "Maple Ave",
    "N. 14th St",
    "Cedar Ridge Rd",
    "Lakeview Dr",
    "Old Mill Rd",
    "Hawthorne Ct",
    "Division St",
    "Riverside Blvd",
    "Elm St",
    "Quarry Ln",
    "Jefferson Ave",
    "Birchwood Cir",
]
CITIES = ["Harlan Grove", "Eastbrook", "Sable Bay", "Coldspring", "Bellmont", "Pine Hollow", "Redwater"]
OFFENSES = [
    "burglary of a residence",
    "theft from a motor vehicle",
    "aggravated assault",
    "robbery",
    "criminal mischief",
    "possession of a controlled substance",
    "DUI",
    "retail theft",
    "unlawful possession of a firearm",
    "fraudulent use of a credit card",
    "trespass",
    "disorderly conduct",
]
TITLES = ["Officer", "Ofc.", "Det.", "Sgt.", "Deputy", "Cpl."]


class Gen:
    def __init__(self, rng: random.Random, heldout: bool) -> None:
        self.rng, self.heldout = rng, heldout
        self.agency = rng.choice(HELDOUT_AGENCIES if heldout else TRAIN_AGENCIES)

    def pick(self, pool: Sequence[str], k: int = 1) -> list[str]:
        """k distinct items from this split's half of a hand-written pool."""
        part = [s for i, s in enumerate(pool) if (i % 4 == 0) == self.heldout]
        return self.rng.sample(part, min(k, len(part)))

    def one(self, pool: Sequence[str]) -> str:
        return self.pick(pool)[0]

    def name(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def officer(self) -> str:
        return f"{self.rng.choice(TITLES)} {self.rng.choice(FIRST)[0]}. {self.rng.choice(LAST)} #{self.rng.randint(100, 9999)}"

    def date(self) -> str:
        return f"{self.rng.randint(1, 12):02d}/{self.rng.randint(1, 28):02d}/20{self.rng.randint(19, 25)}"

    def dob(self, minor: bool = False) -> str:
        year = self.rng.randint(2008, 2012) if minor else self.rng.randint(1955, 2003)
        return f"{self.rng.randint(1, 12):02d}/{self.rng.randint(1, 28):02d}/{year}"

    def addr(self) -> str:
        return f"{self.rng.randint(100, 9899)} {self.rng.choice(STREETS)}, {self.rng.choice(CITIES)}"

    def case(self) -> str:
        return f"{self.rng.randint(19, 25)}-{self.rng.randint(10000, 99999)}"

    def phone(self) -> str:
        return f"({self.rng.randint(201, 989)}) {self.rng.randint(201, 989)}-{self.rng.randint(1000, 9999)}"

    def ssn(self) -> str:
        return f"{self.rng.randint(101, 665)}-{self.rng.randint(10, 99)}-{self.rng.randint(1000, 9999)}"

    def fill(self, text: str) -> str:
        values = {
            "agency": self.agency,
            "name": self.name(),
            "name2": self.name(),
            "name3": self.name(),
            "officer": self.officer(),
            "officer2": self.officer(),
            "date": self.date(),
            "date2": self.date(),
            "dob": self.dob(),
            "juvdob": self.dob(minor=True),
            "addr": self.addr(),
            "addr2": self.addr(),
            "case": self.case(),
            "case2": self.case(),
            "phone": self.phone(),
            "ssn": self.ssn(),
            "age": str(self.rng.randint(19, 64)),
            "juvage": str(self.rng.randint(11, 17)),
            "offense": self.rng.choice(OFFENSES),
            "offense2": self.rng.choice(OFFENSES),
            "ci": f"CI-{self.rng.randint(100, 9999)}",
            "amount": f"${self.rng.randint(2, 40) * 50}.00",
            "time": f"{self.rng.randint(0, 23):02d}{self.rng.choice(['00', '15', '30', '45', '10', '52'])}",
            "city": self.rng.choice(CITIES),
            "unit": f"{self.rng.randint(1, 9)}{self.rng.choice('ABCDKL')}{self.rng.randint(10, 40)}",
            "codename": self.rng.choice(
                [
                    "SPARROW",
                    "GRANITE",
                    "MAGPIE",
                    "TOLLBOOTH",
                    "RIVERSTONE",
                    "COPPERHEAD",
                    "LANTERN",
                    "FALCON",
                    "QUILL",
                    "BRAMBLE",
                ]
            ),
            "year": str(self.rng.randint(2019, 2025)),
            "plate": f"{self.rng.choice('ABCDEFGHJK')}{self.rng.choice('LMNPRSTVWX')}{self.rng.choice('XYZ')}{self.rng.randint(1000, 9999)}",
        }
        return text.format(**values)


# ---------------------------------------------------------------------------------------------
# Hand-written pools. Index % 4 == 0 goes to held-out only.

INCIDENT_HEAD = [
    "{agency}\nINCIDENT REPORT\nCase No: {case}   Date/Time Reported: {date} {time}\nReporting Officer: {officer}\n",
    "{agency}\nOFFENSE / INCIDENT REPORT                         Report # {case}\nOffense: {offense}\nLocation: {addr}\n",
    "{agency} -- ORIGINAL REPORT\nIncident: {offense}\nCase Number: {case}\nOfficer: {officer}   Unit {unit}\n",
    "{agency}\nGENERAL OFFENSE REPORT\nDR #{case}\nDate of occurrence: {date}   Beat: {unit}\n",
    "INCIDENT/INVESTIGATION REPORT\n{agency}\nIncident #: {case}\nNature of call: {offense}\nR/O: {officer}\n",
    "{agency}\nSUPPLEMENTAL NARRATIVE\nOriginal case: {case}\nSupplement by {officer} on {date}\n",
    "{agency}\nCALL FOR SERVICE / FIELD REPORT\nEvent {case}  Dispatched {time} hrs  Unit {unit}\n",
    "{agency} Patrol Division\nOFFENSE REPORT - {offense}\nReport No. {case}\n",
]
INCIDENT_BODY = [
    "On {date} at approximately {time} hours I was dispatched to {addr} regarding a report of {offense}.",
    "Upon arrival I made contact with the reporting party, {name}, who stated that sometime overnight an unknown person had entered the detached garage and removed several power tools.",
    "I observed pry marks on the rear door frame consistent with a flat-bladed tool. Photographs were taken and logged into evidence.",
    "The complainant advised the loss was estimated at {amount}. A property loss list was provided and attached to this report.",
    "Dispatch advised of a disturbance involving two adult males in the parking lot of the convenience store at {addr}.",
    "I canvassed the area for surveillance cameras and located one doorbell camera at the neighboring residence. The owner agreed to provide the footage.",
    "Both parties were separated and interviewed. Neither party wished to pursue charges and both left the scene without further incident.",
    "Unit {unit} arrived on scene and assisted with traffic control while the tow truck removed the disabled vehicle.",
    "The vehicle, a silver sedan bearing plate {plate}, was entered into NCIC as stolen and the owner was notified.",
    "No suspects were identified at this time. The case will be forwarded to the Investigations Division for follow-up.",
    "I responded to the area of {addr} for a report of shots fired. Several shell casings were located in the roadway and collected by the evidence technician.",
    "The reporting party stated she returned home at approximately {time} and found the front window broken and the television missing.",
    "A latent print lift was obtained from the interior window sill and submitted to the crime lab for comparison.",
    "Officers checked the perimeter of the building and found the east side door unsecured. No one was located inside.",
    "Case status: open / pending investigation. Copy of report provided to the victim's insurance carrier upon request.",
    "Evidence: one black backpack (item 1), one screwdriver (item 2), one pair of gloves (item 3), all placed into locker 14.",
    "The manager of the store reported that a male left without paying for merchandise valued at {amount}.",
    "Traffic was heavy at the time of the collision and the roadway was wet. Both drivers exchanged insurance information.",
    "I completed a neighborhood canvass of the 400 block; residents reported hearing a loud argument but no one saw the parties involved.",
    "This report is being completed to document the damage for insurance purposes. There are no investigative leads.",
]
ARREST_BODY = [
    "{name} (DOB {dob}) was placed under arrest for {offense} and transported to the county detention center for booking.",
    "A records check through NCIC and the state repository revealed an active warrant for failure to appear on a prior {offense2} charge.",
    "The arrestee has prior convictions for {offense2} ({year}) and {offense} ({year}) according to the criminal history return.",
    "Booking number {case2} was assigned. Fingerprints and photographs were taken and submitted to the state identification bureau.",
    "A search incident to arrest revealed a glass pipe with burnt residue in the right front pants pocket.",
    "The suspect was advised of his Miranda rights, stated he understood them, and declined to make a statement.",
    "Criminal history indicates the subject is on felony probation through the county adult probation department.",
    "The defendant's prior record includes two convictions for domestic battery, making this offense chargeable as a felony.",
    "Charges filed: {offense}; {offense2}. Bond set at {amount} per the bond schedule.",
    "Triple I check shows an out-of-state arrest for burglary in {year} with no disposition reported.",
    "The arrestee was released on a citation with a court date, pursuant to department policy on misdemeanor offenses.",
    "His driver license status returned suspended with three prior DUI convictions on record.",
]
RAPSHEET = [
    "STATE IDENTIFICATION BUREAU -- CRIMINAL HISTORY RECORD\nSID: {case2}   FBI: 7{case}\nName: {name}   DOB: {dob}   SSN: {ssn}\n",
    "COMPUTERIZED CRIMINAL HISTORY (CCH) RESPONSE\nSubject: {name}\nDate of birth: {dob}\nSocial Security No.: {ssn}\n",
    "III / NCIC QUERY RESPONSE -- CHRI\nQuery by ORI of {agency}\nNAM/{name} DOB/{dob} SOC/{ssn}\n",
    "RAP SHEET -- FOR CRIMINAL JUSTICE USE ONLY\nName on file: {name}\nDOB: {dob}\n",
    "CRIMINAL HISTORY TRANSCRIPT\nRequested by: {officer}, {agency}\nSubject name: {name}   DOB: {dob}\n",
    "DEPARTMENT OF PUBLIC SAFETY -- CRIMINAL RECORD CHECK\nName: {name}, SSN {ssn}, DOB {dob}\n",
]
RAPSHEET_ENTRY = [
    "ARREST {date}  {agency}  CHARGE 1: {offense}  DISPOSITION: CONVICTED, 12 MONTHS PROBATION",
    "ARR/DET/CITE: {date}  AGENCY: {agency}  OFFENSE: {offense}  COURT DISP: DISMISSED",
    "CYCLE 00{juvage}  DATE ARRESTED {date}  CHARGE {offense2}  DISP: GUILTY PLEA, 30 DAYS JAIL SUSPENDED",
    "{date}  ARREST  {offense}  -- DISPOSITION NOT REPORTED",
    "CONVICTION {date}  CIRCUIT COURT  {offense}  SENTENCE: 2 YRS DOC, 1 YR SUSPENDED",
    "CUSTODY {date}  COUNTY JAIL  BOOKING #{case2}  CHARGE: {offense}",
    "WARRANT ISSUED {date}  FAILURE TO APPEAR  ORIGINAL CHARGE {offense2}",
    "PROBATION VIOLATION {date}  REVOKED, REMANDED TO CUSTODY",
    "DISPOSITION {date}: NOLLE PROSEQUI ON COUNT 2; COUNT 1 CONVICTED",
    "REGISTRATION: NONE.  CAUTION FLAGS: ARMED AND DANGEROUS (HISTORICAL)",
]
RAPSHEET_FOOT = [
    "This record is based on fingerprint identification. Dissemination is restricted to authorized criminal justice agencies under 28 CFR Part 20.",
    "Use of this information for non-criminal justice purposes is prohibited. Secondary dissemination must be logged.",
    "END OF RECORD. Positive identification cannot be made without fingerprints.",
    "Records of arrest without disposition should be verified with the arresting agency before use.",
]
JUV_HEAD = [
    "{agency}\nJUVENILE CONTACT REPORT\nCase: JV-{case}\nJuvenile: {name}   Age: {juvage}   DOB: {juvdob}\n",
    "{agency} -- Youth Services Unit\nJUVENILE REFERRAL TO PROBATION INTAKE\nReferral # {case}\nMinor: {name}, {juvage} years old\n",
    "CONFIDENTIAL JUVENILE RECORD\n{agency}\nJuvenile Petition Worksheet -- Case {case}\nChild: {name} (DOB {juvdob})\n",
    "{agency}\nSTATION ADJUSTMENT / JUVENILE DIVERSION RECORD\nYouth: {name}   Age {juvage}\n",
    "JUVENILE ARREST REPORT\n{agency}\nCase No. {case}\nMinor taken into custody: {name}, DOB {juvdob}\n",
    "{agency} School Resource Officer Program\nSTUDENT INCIDENT / JUVENILE CONTACT\nStudent: {name}, grade {juvage}\n",
]
JUV_BODY = [
    "The juvenile's mother, {name2}, was contacted by phone at {phone} and responded to the station to take custody of her son.",
    "Because the subject is a minor, his name is not to be released and this record is confidential under the juvenile code.",
    "The juvenile was released to his legal guardian with a referral to the county juvenile diversion program.",
    "The {juvage}-year-old admitted to taking the items from the store and said he did it on a dare from friends.",
    "The school resource officer was notified and a copy of this report was forwarded to the juvenile probation department.",
    "Parent/guardian {name2} was present during the interview; the juvenile was advised of his rights in age-appropriate language.",
    "The minor was transported to the juvenile detention center pending a detention hearing within 24 hours.",
    "Per statute, juvenile records are not open to public inspection and shall not be disseminated except as authorized by the juvenile court.",
    "The youth was counseled and released; a station adjustment was recorded in lieu of a formal referral.",
    "The student was found in possession of a vape pen containing THC oil in the school restroom.",
    "Juvenile intake officer reviewed the referral and recommended an informal adjustment with community service.",
    "The child's grandmother, who has legal guardianship, stated he has run away three times this year.",
    "A juvenile petition alleging delinquency will be filed with the family court for the offense of {offense}.",
    "The runaway juvenile was located at a friend's residence and returned home to her parents without incident.",
    "Fingerprints of the juvenile were taken and will be maintained separately from adult records as required by law.",
    "The minor's prior contacts include one curfew violation and one referral for criminal mischief at age {juvage}.",
]
CI_HEAD = [
    "{agency}\nCONFIDENTIAL INFORMANT REGISTRATION\nCI Number: {ci}\nCode name: {codename}\n",
    "{agency} -- Narcotics Unit\nCI DEBRIEFING REPORT\nSource: {ci}   Handler: {officer}\n",
    "CONFIDENTIAL SOURCE PAYMENT VOUCHER\n{agency}\nSource number: {ci}   Amount: {amount}\n",
    '{agency}\nCOOPERATING SOURCE RELIABILITY / VALIDATION REVIEW\nSource {ci} ("{codename}")\n',
    "SPECIAL INVESTIGATIONS -- INFORMANT FILE\n{agency}\nInformant {ci}   Control officer: {officer}\n",
    "{agency}\nSOURCE CONTACT LOG\nCS: {ci}   Period: {date} to {date2}\n",
]
CI_BODY = [
    "The informant provided information regarding narcotics sales from a residence on {addr}; the information was later corroborated by surveillance.",
    "{ci} was admonished that he is not an agent of the department and may not participate in any criminal activity unless specifically authorized.",
    "Payment of {amount} was made from the confidential funds account in the presence of a second officer. The source signed using the code name only.",
    "True name, date of birth and photograph of the source are maintained in the sealed master file held by the unit commander.",
    "The source has provided reliable information on four prior occasions which led to two search warrants and three arrests.",
    "{codename} is currently on probation; the supervising probation officer has been notified of the cooperation agreement with approval of the prosecutor.",
    "The CI was searched before and after the controlled buy and no contraband or money was found on his person.",
    "Handler notes: the source expressed concern about retaliation if his identity became known to the targets.",
    "Motivation for cooperation: monetary compensation and consideration on a pending charge of {offense}.",
    "Reliability assessment: usually reliable. The source's information has been independently corroborated on three occasions.",
    "The source reported that the target keeps firearms in a safe in the master bedroom and sells from a blue pickup truck.",
    "All contacts with the informant must be documented on the contact log and reviewed monthly by the supervisor.",
    "Deactivation: the source was deactivated on {date} after failing to appear for two scheduled meetings.",
    "A controlled purchase was completed using {amount} in pre-recorded buy funds. The purchased substance field-tested positive for cocaine.",
    "The informant's identity must not be disclosed in any affidavit; refer to the source only by number.",
    "Annual validation of the source file was completed and approved by the lieutenant.",
]
MED_HEAD = [
    "{agency} Fire/EMS\nPATIENT CARE REPORT\nIncident {case}   Unit M{unit}\nPatient: {name}   Age: {age}\n",
    "COUNTY DETENTION CENTER -- MEDICAL INTAKE SCREENING\nInmate: {name}   Booking #{case}\nDOB: {dob}\n",
    "{agency}\nMENTAL HEALTH CRISIS / EMERGENCY DETENTION REPORT\nCase {case}\nSubject: {name}\n",
    "EMERGENCY MEDICAL SERVICES RUN SHEET\nResponding agency: {agency}\nPatient name: {name}   DOB: {dob}\n",
    "{agency}\nIN-CUSTODY MEDICAL / INJURY REPORT\nPrisoner: {name}   Date: {date}\n",
    "HOSPITAL RECORDS RELEASE -- PROTECTED HEALTH INFORMATION\nPatient: {name}   MRN {case}\n",
]
MED_BODY = [
    "Chief complaint: chest pain radiating to the left arm. BP 168/94, pulse 112, SpO2 94% on room air.",
    "Patient reports a history of type 2 diabetes and hypertension; current medications include metformin and lisinopril.",
    "Naloxone 4 mg was administered intranasally with positive response; patient became responsive and was transported to the emergency department.",
    "The subject stated he had been hearing voices and had not taken his prescribed antipsychotic medication for two weeks.",
    "Inmate disclosed a history of seizures and alcohol withdrawal; the nurse placed him on the withdrawal monitoring protocol.",
    "Patient has a documented allergy to penicillin. Blood glucose 48 mg/dL; oral glucose given.",
    "The subject was placed on an emergency mental health hold and transported to the behavioral health unit for evaluation.",
    "Suicide screening: positive. Inmate reports a prior attempt in {year}. Placed on suicide watch per protocol.",
    "The arrestee complained of pain to the right wrist; X-rays at the hospital showed no fracture.",
    "Patient is HIV positive and currently under treatment; this information is protected and may not be redisclosed.",
    "Glasgow Coma Scale 14. Laceration approximately 3 cm above the right eye, bleeding controlled with direct pressure.",
    "Medical clearance was obtained from the emergency physician prior to booking.",
    "Patient states she is 22 weeks pregnant and is experiencing abdominal pain after the collision.",
    "Diagnosis at discharge: opioid overdose, resolved. Referred to substance use treatment.",
    "Tuberculosis screening was completed at intake and the result was negative.",
    "Mental health history includes bipolar disorder and PTSD; he is prescribed lithium.",
]
SEALED_HEAD = [
    "IN THE CIRCUIT COURT OF {city} COUNTY\nORDER OF EXPUNGEMENT\nCase No. CR-{case}\nPetitioner: {name}\n",
    "NOTICE OF SEALED RECORD\nTo: Records Division, {agency}\nRe: {name}, DOB {dob}\n",
    "{city} MUNICIPAL COURT\nORDER TO SEAL RECORDS OF ARREST\nDefendant: {name}   Case {case}\n",
    "STATE BUREAU OF INVESTIGATION -- EXPUNGEMENT CERTIFICATION\nSubject: {name}\nDOB: {dob}\n",
    "PETITION FOR EXPUNCTION / RECORD SEALING -- GRANTED\nIn re: {name}\nCause No. {case}\n",
    "{agency} Records Unit\nRECORD RESTRICTION / SEALING COMPLIANCE MEMO\nSubject: {name}\n",
]
SEALED_BODY = [
    "IT IS HEREBY ORDERED that all records of the arrest of the petitioner on {date} for {offense} be sealed.",
    "All agencies in possession of records relating to this arrest shall expunge such records within 30 days and certify compliance to the court.",
    "Upon sealing, the proceedings shall be deemed never to have occurred and the petitioner may deny the arrest in response to any inquiry.",
    "The records division has removed the arrest from the local records management system and retained the file under seal.",
    "Access to the sealed record is restricted to the subject and to criminal justice agencies as authorized by court order.",
    "The petitioner successfully completed the terms of deferred adjudication and the charge of {offense} was dismissed.",
    "Any request for this record must be answered: no record exists.",
    "Copies of this order shall be served on the arresting agency, the prosecutor and the state repository.",
    "The court finds that the petitioner has no subsequent convictions and that the interests of justice are served by sealing.",
    "Original documents, photographs and fingerprints shall be returned to the petitioner or destroyed.",
    "Compliance: the mugshot, booking card and incident report {case2} were purged on {date}.",
    "This order does not apply to records held by the state licensing board pursuant to statute.",
    "Pursuant to the first offender provisions, the record is restricted from public disclosure upon completion of the sentence.",
    "The clerk is directed to seal the court file and the docket entries for this case.",
]
VICTIM_HEAD = [
    "{agency}\nDOMESTIC VIOLENCE INCIDENT REPORT\nCase {case}\nVictim: {name}   Suspect: {name2}\n",
    "{agency} Special Victims Unit\nSEXUAL ASSAULT REPORT -- RESTRICTED DISTRIBUTION\nCase No. {case}\n",
    "PETITION FOR ORDER OF PROTECTION\n{city} County Family Court\nPetitioner: {name}   Respondent: {name2}\n",
    "{agency}\nVICTIM ADVOCATE CONTACT NOTE\nCase {case}  Advocate: {name3}\n",
    "{agency}\nSTALKING / HARASSMENT REPORT\nReport {case}   Victim: {name}\n",
    "{agency} -- Crimes Against Persons\nCHILD ABUSE / NEGLECT REFERRAL\nCase {case}\n",
]
VICTIM_BODY = [
    "The victim stated that her boyfriend, {name2}, grabbed her by the throat and pushed her against the kitchen wall.",
    "Visible injuries: redness and bruising to the left side of the neck and a swollen lower lip. Photographs taken with victim consent.",
    "The victim was provided with the domestic violence resource card and the hotline number, and an emergency protective order was requested.",
    "The victim reported she was sexually assaulted after leaving a party; a sexual assault forensic exam was completed at the hospital.",
    "A lethality assessment was conducted and the victim screened in as high danger; she was connected to the shelter advocate.",
    "The victim's address is confidential under the address confidentiality program and is not to be included in any public copy of this report.",
    "The petitioner states the respondent has threatened to kill her and has followed her to work on several occasions.",
    "Advocate accompanied the survivor to the forensic interview and provided information on crime victim compensation.",
    "The child disclosed during the forensic interview that the abuse occurred in the basement of the residence.",
    "The victim declined to give a written statement at this time out of fear of retaliation.",
    "A no-contact order is in effect; the suspect violated it by sending more than forty text messages in one night.",
    "The rape kit was submitted to the state crime lab with the victim's consent. Lab request number {case2}.",
    "The victim stated this is the third incident of physical abuse in the last month but the first she has reported.",
    "Strangulation was reported; the victim was advised to seek medical evaluation due to the risk of delayed complications.",
    "Victim-witness services were notified and will contact the victim regarding court dates and her rights under the victims' bill of rights.",
    "The victim's identity is protected under state law and shall not be disclosed in public records.",
]
PERSONNEL_HEAD = [
    "{agency} -- Office of Professional Standards\nINTERNAL AFFAIRS INVESTIGATION\nIA # IA-{case}\nSubject employee: {officer}\n",
    "MEMORANDUM -- CONFIDENTIAL PERSONNEL MATTER\nTo: Chief of Police\nFrom: Commander, Professional Standards\nRe: Complaint against {officer}\n",
    "{agency}\nEMPLOYEE PERFORMANCE EVALUATION\nEmployee: {officer}\nRating period: {date} to {date2}\n",
    "{agency}\nLETTER OF COMMENDATION\nTo: {officer}\nDate: {date}\n",
    "NOTICE OF DISCIPLINARY ACTION\n{agency}\nEmployee: {officer}\nAction: written reprimand\n",
    "{agency} Human Resources\nFITNESS FOR DUTY / LEAVE REQUEST\nEmployee: {officer}\n",
]
PERSONNEL_BODY = [
    "The complainant alleges that the officer used discourteous language during a traffic stop on {date}.",
    "After review of the body-worn camera footage, the allegation of excessive force is NOT SUSTAINED; the allegation of discourtesy is SUSTAINED.",
    "The employee is directed not to discuss this investigation with any other member of the department, per the Garrity advisement.",
    "Discipline imposed: two-day suspension without pay, to be served at the discretion of the division commander.",
    "Officer {name} consistently meets standards for report writing and shows strong rapport with the community.",
    "Areas for improvement: timeliness of report submission and attention to evidence chain of custody documentation.",
    "This commendation recognizes your actions on {date} when you performed CPR on a child until medics arrived.",
    "A copy of this letter will be placed in your personnel file.",
    "The employee has exhausted his sick leave balance and has requested leave under the Family and Medical Leave Act.",
    "The Early Intervention System flagged the officer for three use-of-force reports within ninety days.",
    "The officer's probationary period is extended by ninety days due to deficiencies noted by the field training officer.",
    "The pursuit review board found the termination of the pursuit was in compliance with policy, but the supervisor's notification was late.",
    "Union representation was present during the administrative interview.",
    "The investigation found the officer violated General Order 3.12 regarding secondary employment.",
    "Personnel records are confidential and exempt from disclosure under the public records act.",
    "Your overall performance rating for this period is: exceeds expectations.",
]
WITNESS_HEAD = [
    "{agency}\nVOLUNTARY STATEMENT\nCase No. {case}\nName of person giving statement: {name}\nDOB: {dob}   Phone: {phone}\n",
    "SWORN WRITTEN STATEMENT\n{agency}\nStatement of: {name}\nTaken by: {officer}   Date: {date}\n",
    "{agency}\nWITNESS INTERVIEW TRANSCRIPT\nCase {case}\nPresent: {officer}; witness {name}\n",
    "{agency}\nSUPPLEMENT -- WITNESS STATEMENTS\nCase {case}\n",
    "AFFIDAVIT OF WITNESS\nState of {city}, County of {city}\nI, {name}, being first duly sworn, depose and say:\n",
    "{agency}\nSTATEMENT FORM\nWitness: {name}   Address: {addr}\n",
]
WITNESS_BODY = [
    "I was standing at the bus stop when I saw a man in a red hoodie run out of the store holding a bag.",
    "Q: What did you see when you looked out the window?\nA: I saw two guys fighting by the blue car and one of them had something shiny in his hand.",
    "I heard three loud bangs, like firecrackers, and then a car drove off really fast toward the highway.",
    "I did not know the driver but I would recognize him if I saw him again. He had a tattoo on his neck.",
    "I have read this statement consisting of one page and it is true and correct to the best of my knowledge.",
    "Q: How far away were you?\nA: Maybe thirty feet. The lights in the parking lot were on so I could see pretty good.",
    "The witness stated she observed the white pickup run the red light and strike the motorcycle in the intersection.",
    "I give this statement freely and voluntarily without any threats or promises having been made to me.",
    "My neighbor yelled for help and when I came outside I saw him lying on the driveway bleeding from his head.",
    "The second witness, {name2}, corroborated the description of the suspect vehicle and provided a partial plate.",
    "Q: Did you talk to anyone about what happened before we got here?\nA: Just my wife. I called her right after.",
    "I was working the register when he came in around {time}. He pointed what looked like a gun at me and said to open the drawer.",
    "Witness signature: ______________   Officer witnessing: {officer}",
    "She stated she did not want to be involved but agreed to give a statement after being assured it would be kept with the case file.",
    "I recognized the man because he used to live on our street. Everybody calls him by his nickname.",
    "End of interview at {time} hours. The recording was stopped and the witness was given a copy of the case number card.",
]
POLICY_HEAD = [
    "{agency}\nGENERAL ORDER 4.{juvage}\nSubject: Body-Worn Cameras\nEffective: {date}\n",
    "FOR IMMEDIATE RELEASE\n{agency} -- Public Information Office\nDate: {date}\n",
    "{agency}\nTRAINING BULLETIN {year}-{juvage}\nTopic: Handling of Personally Identifiable Information\n",
    "{agency} COMMUNITY NEWSLETTER\nSpring {year} Edition\n",
    "MINUTES OF THE PUBLIC SAFETY COMMITTEE\nCity of {city}\nRegular meeting of {date}\n",
    "NEWS RELEASE\n{agency}\nMedia contact: Public Information Officer\n",
    "{agency}\nPOLICY MEMORANDUM\nTo: All sworn personnel\nRe: Revised procedure for property and evidence\n",
    "{agency}\nRESPONSE TO PUBLIC RECORDS REQUEST\nRequest number PRR-{case}\n",
]
POLICY_BODY = [
    "Purpose: to establish guidelines for the use, management, storage and retrieval of body-worn camera recordings.",
    "The department will host its annual National Night Out event at the community park; all residents are invited.",
    "Officers shall activate their cameras prior to arrival on any call for service and shall not deactivate until the contact has concluded.",
    "The Chief reminds residents to lock their vehicles and remove valuables, as thefts from unlocked cars have increased this season.",
    "This policy supersedes all previous directives on this subject. Members are required to acknowledge receipt through the training portal.",
    "The committee approved the purchase of two replacement patrol vehicles on a vote of 5-0.",
    "Personally identifiable information includes names, dates of birth, Social Security numbers and addresses and must be protected in all records.",
    "The department is now accepting applications for the Citizens Police Academy, a free ten-week course held on Tuesday evenings.",
    "Supervisors are responsible for ensuring that all evidence is submitted to the property room before the end of shift.",
    "Crime statistics for the quarter show a 12 percent decrease in residential burglaries compared with the same period last year.",
    "Public comment: one resident spoke in favor of additional crosswalk enforcement near the elementary school.",
    "The department has reviewed your request and the responsive records are attached. Some records are exempt from disclosure under state law.",
    "Drivers should expect sobriety checkpoints throughout the holiday weekend. Plan ahead and designate a sober driver.",
    "Definitions: 'recording' means any audio or video captured by a department-issued device.",
    "The department thanks the community for its support of the annual toy drive, which collected more than 900 gifts.",
    "Questions about this policy should be directed to the Office of Planning and Accreditation.",
    "Records retention: recordings not associated with a case shall be retained for 180 days and then purged.",
    "The meeting was adjourned at 8:12 p.m. The next regular meeting will be held on the second Tuesday of next month.",
    "Officers are reminded that criminal history information may only be accessed for a legitimate law enforcement purpose.",
    "Anyone with information about the incident is asked to call the tip line. Callers may remain anonymous.",
]

# kind name -> (level, categories, builder)
Builder = Callable[[Gen], str]


def _doc(g: Gen, heads: Sequence[str], *pools: tuple[Sequence[str], int, int]) -> str:
    parts = [g.fill(g.one(heads))]
    for pool, lo, hi in pools:
        parts.append("\n".join(g.fill(s) for s in g.pick(pool, g.rng.randint(lo, hi))))
    return "\n\n".join(parts) + "\n"


def rapsheet(g: Gen) -> str:
    entries = "\n".join(g.fill(s) for s in g.pick(RAPSHEET_ENTRY, g.rng.randint(3, 6)))
    return f"{g.fill(g.one(RAPSHEET))}\n{entries}\n\n{g.fill(g.one(RAPSHEET_FOOT))}\n"


KINDS: dict[str, tuple[str, tuple[str, ...], Builder]] = {
    "incident": ("CONFIDENTIAL", ("incident_report",), lambda g: _doc(g, INCIDENT_HEAD, (INCIDENT_BODY, 4, 7))),
    "arrest": (
        "CONFIDENTIAL",
        ("incident_report", "criminal_history"),
        lambda g: _doc(g, INCIDENT_HEAD, (INCIDENT_BODY, 2, 4), (ARREST_BODY, 3, 5)),
    ),
    "rapsheet": ("CONFIDENTIAL", ("criminal_history",), rapsheet),
    "juvenile": ("RESTRICTED", ("juvenile_record",), lambda g: _doc(g, JUV_HEAD, (JUV_BODY, 4, 6))),
    "juvenile_incident": (
        "RESTRICTED",
        ("juvenile_record", "incident_report"),
        lambda g: _doc(g, JUV_HEAD, (INCIDENT_BODY, 2, 3), (JUV_BODY, 2, 4)),
    ),
    "informant": ("RESTRICTED", ("informant_file",), lambda g: _doc(g, CI_HEAD, (CI_BODY, 4, 7))),
    "medical": ("CONFIDENTIAL", ("medical",), lambda g: _doc(g, MED_HEAD, (MED_BODY, 4, 7))),
    "medical_incident": (
        "CONFIDENTIAL",
        ("medical", "incident_report"),
        lambda g: _doc(g, INCIDENT_HEAD, (INCIDENT_BODY, 2, 3), (MED_BODY, 2, 4)),
    ),
    "sealed": (
        "RESTRICTED",
        ("sealed_or_expunged", "criminal_history"),
        lambda g: _doc(g, SEALED_HEAD, (SEALED_BODY, 4, 6)),
    ),
    "victim": (
        "CONFIDENTIAL",
        ("victim_sensitive", "incident_report"),
        lambda g: _doc(g, VICTIM_HEAD, (INCIDENT_BODY, 1, 2), (VICTIM_BODY, 3, 5)),
    ),
    "victim_only": ("CONFIDENTIAL", ("victim_sensitive",), lambda g: _doc(g, VICTIM_HEAD, (VICTIM_BODY, 4, 6))),
    "personnel": ("CONFIDENTIAL", ("personnel",), lambda g: _doc(g, PERSONNEL_HEAD, (PERSONNEL_BODY, 4, 6))),
    "witness": ("CONFIDENTIAL", ("witness_statement",), lambda g: _doc(g, WITNESS_HEAD, (WITNESS_BODY, 4, 7))),
    "witness_incident": (
        "CONFIDENTIAL",
        ("witness_statement", "incident_report"),
        lambda g: _doc(g, INCIDENT_HEAD, (INCIDENT_BODY, 2, 3), (WITNESS_BODY, 2, 4)),
    ),
    "victim_statement": (
        "CONFIDENTIAL",
        ("witness_statement", "victim_sensitive"),
        lambda g: _doc(g, WITNESS_HEAD, (WITNESS_BODY, 2, 3), (VICTIM_BODY, 2, 3)),
    ),
    "policy": ("INTERNAL", ("policy_or_public",), lambda g: _doc(g, POLICY_HEAD, (POLICY_BODY, 4, 7))),
}
COUNTS = {"train": 22, "heldout": 8}  # documents per kind


def main() -> None:
    for split, per_kind in COUNTS.items():
        out = HERE / split
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        rng = random.Random(f"redactor-classify-{split}")
        for kind, (level, categories, build) in KINDS.items():
            n = per_kind * 2 if kind == "policy" else per_kind
            for i in range(n):
                g = Gen(rng, heldout=split == "heldout")
                text = build(g)
                doc_level = level
                if kind == "policy":
                    top = "\n".join(text.split("\n")[:3])
                    public = ("FOR IMMEDIATE RELEASE", "NEWS RELEASE", "MINUTES", "NEWSLETTER", "PUBLIC RECORDS")
                    doc_level = "PUBLIC" if any(p in top for p in public) else "INTERNAL"
                if kind == "victim" and "SEXUAL ASSAULT" in text:
                    doc_level = "RESTRICTED"
                stem = f"{kind}_{i:03d}"
                (out / f"{stem}.txt").write_text(text, encoding="utf-8")
                label = {"level": doc_level, "categories": list(categories), "kind": kind}
                (out / f"{stem}.json").write_text(json.dumps(label, indent=1) + "\n", encoding="utf-8")
        print(f"{split}: {len(list(out.glob('*.txt')))} documents in {out}")


if __name__ == "__main__":
    main()
