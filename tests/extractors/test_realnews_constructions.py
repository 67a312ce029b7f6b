"""Attribution on international news, one construction class of issue 10 at a time.

Every sentence here was written for these tests; the people, parties and outlets are invented
(apart from a few institutions the issue names, used as organisations). Each case states what a
careful reader takes the speaker to be: the person's fullest name (an honorific such as Maulana
or Syed may stay or go), an organisation by its name, an anonymous source as a description.
"""
import pytest

from extractors import extract

PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "his", "its",
            "their", "this", "that"}


def speaker_of(text: str, words: str):
    """The speaker of the extracted quote that contains `words`."""
    quotes = extract(text)
    quote = next((q for q in quotes if words in q.text), None)
    assert quote is not None, f"no quote contains {words!r}: {[q.text for q in quotes]}"
    assert quote.speaker is not None, f"{words!r} left unattributed ({quote.reason})"
    return quote.speaker


def without_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def assert_named(speaker, names: str | tuple, speaker_type: str) -> None:
    """The speaker has one of the accepted names (organisations with or without "the")."""
    accepted = {names} if isinstance(names, str) else set(names)
    name = without_article(speaker.name) if speaker_type == "organization" else speaker.name
    assert name in accepted, f"speaker {speaker.name!r} ({speaker.type}), expected {accepted}"
    assert speaker.type == speaker_type, f"{speaker.name!r} typed {speaker.type}"


def assert_anonymous(speaker, description_words: str) -> None:
    """An anonymous source, described by words of the article's own description."""
    assert speaker.type == "anonymous", f"{speaker.name!r} typed {speaker.type}"
    assert description_words in speaker.name.lower(), speaker.name


def case(text, words, names, speaker_type="person", case_id=None, marks=()):
    return pytest.param(text, words, names, speaker_type, id=case_id, marks=marks)


# A target of issue 10 the extractor does not meet yet: strict, so the day it does, the mark
# must go.
NOT_YET = pytest.mark.xfail(strict=True, reason=(
    "issue 10, open: a role nominal (\"the party chief\") is not yet linked to a person "
    "whose role is only a relative clause (\"who chairs the opposition … Alliance\")"))


# 1. Long titles and appositives around the name.
LONG_TITLES = [
    case("Kenya’s Cabinet Secretary for Roads, Transport and Public Works, Amina Wekesa, gave "
         "contractors a blunt deadline “to finish before the rains.”",
         "to finish before the rains", "Amina Wekesa", case_id="cabinet-secretary-appositive"),
    case("Workers’ Union of Ghana deputy chairman Kofi Mensah, replying to the minister on "
         "social media, wrote: “The offer insults every nurse in this country.”",
         "insults every nurse", "Kofi Mensah", case_id="union-title-then-participle-clause"),
    case("Federal Minister for Information and Broadcasting Raheela Anjum Siddiqui said on "
         "Monday: “Every channel will have its licence renewed by March.”",
         "licence renewed", "Raheela Anjum Siddiqui", case_id="minister-for-x-and-y-no-comma"),
    case("“The budget deficit will be below five percent,” said Minister of State for Finance "
         "and Revenue Bilal Azhar Chaudhry.",
         "budget deficit", "Bilal Azhar Chaudhry", case_id="inverted-long-title"),
    case("The Minister of State for Petroleum Resources (Downstream), Zainab Bello-Musa, told "
         "reporters: “The queues at the pumps will be gone by Friday.”",
         "queues at the pumps", "Zainab Bello-Musa", case_id="title-with-parenthesis"),
    case("Farid Osmani, deputy governor of the central bank for banking supervision and "
         "financial inclusion, said: “No depositor will lose a rupee.”",
         "No depositor", "Farid Osmani", case_id="appositive-after-name"),
    case("“We have asked for the files twice,” said Priya Nadarajah, chairperson of the "
         "Parliamentary Standing Committee on Commerce, Industry and Trade.",
         "asked for the files", "Priya Nadarajah", case_id="trailing-long-appositive"),
]


@pytest.mark.parametrize("text, words, names, speaker_type", LONG_TITLES)
def test_long_titles_and_appositives_leave_the_name(text, words, names, speaker_type):
    assert_named(speaker_of(text, words), names, speaker_type)


@pytest.mark.parametrize("text, words, role", [
    ("Kenya’s Cabinet Secretary for Roads, Transport and Public Works, Amina Wekesa, gave "
     "contractors a blunt deadline “to finish before the rains.”", "to finish before the rains",
     "Cabinet Secretary for Roads, Transport and Public Works"),
    ("Federal Minister for Information and Broadcasting Raheela Anjum Siddiqui said on Monday: "
     "“Every channel will have its licence renewed by March.”", "licence renewed",
     "Federal Minister for Information and Broadcasting"),
])
def test_a_long_title_is_the_role(text, words, role):
    assert speaker_of(text, words).role == role


# 2. Where a mention ends.
MENTION_ENDS = [
    case("Port authority spokeswoman Grace Otieno laid the blame on the shipping lines, "
         "telling a news conference in Mombasa, “The berths have been ready since Monday.”",
         "berths have been ready", "Grace Otieno", case_id="title-name-then-verb"),
    case("London-based Sudanese economist Salma Idris was blunt. “The currency has lost half "
         "its value since June.”", "currency has lost", "Salma Idris",
         case_id="hyphenated-descriptor-before-name"),
    case("Provincial Relief Minister Kamran Saeed Gondal visited camps across southern "
         "Punjab.He said: “No family will be sent home before the water goes down.”",
         "No family will be sent home", "Kamran Saeed Gondal", case_id="place-glued-to-he"),
    case("Provincial Relief Minister Kamran Saeed Gondal visited the flood-hit districts of "
         "Sindh\nThe minister said: “The camps will stay open until the last family leaves.”",
         "camps will stay open", "Kamran Saeed Gondal", case_id="place-glued-to-the"),
    case("“Exporters need an exchange rate they can plan around,” said Hina Baig of the "
         "Lahore Chamber of Commerce on Tuesday.", "exchange rate", "Hina Baig",
         case_id="name-then-of-organisation"),
    case("Opposition senator Waqar Hussain Bhatti told the House on Tuesday: “This bill was "
         "written in a hurry and it reads like it.”", "written in a hurry",
         "Waqar Hussain Bhatti", case_id="lowercase-descriptor-before-name"),
]


@pytest.mark.parametrize("text, words, names, speaker_type", MENTION_ENDS)
def test_a_mention_stops_at_the_name(text, words, names, speaker_type):
    assert_named(speaker_of(text, words), names, speaker_type)


# 3. Nominal mentions that refer back to a named person.
NOMINALS = [
    case("The union says its members could swing ten seats. But a spokesman stressed the rally "
         "was “not against any party”. “We are asking about policies, not parties,” union "
         "spokesman Dr Kamal Haddad said of Tuesday’s meeting.", "not against any party",
         "Kamal Haddad", case_id="a-spokesman-then-named"),
    case("Judge: 'The ruling was mine'\n\nThe chief justice has again denied being "
         "“pressed” by ministers over the ruling. Justice Amara Oduya said the judgment was "
         "her own and that claims it was drafted elsewhere were false.",
         "pressed", "Amara Oduya", case_id="lede-description-then-name"),
    case("Dr Amal Nasser-Eddin, the WHO regional director, toured the camp on Sunday. "
         "“Cholera moves faster than any convoy,” the WHO director said.",
         "Cholera moves faster", "Amal Nasser-Eddin", case_id="the-who-director"),
    case("Defence lawyer Imran Qadir Shah asked the court for bail. “My client has been held "
         "for fourteen months without a charge sheet,” the lawyer added.",
         "fourteen months", "Imran Qadir Shah", case_id="the-lawyer-added"),
    case("Rukhsana Bibi, a 40-year-old shopkeeper in Quetta, has not opened her shutter for a "
         "week. “Nobody is buying anything,” the 40-year-old shopkeeper said.",
         "Nobody is buying", "Rukhsana Bibi", case_id="the-40-year-old-shopkeeper"),
    case("Interior Minister Mohsin Raza Khattak chaired the meeting in Peshawar. “The operation "
         "will go on until the last hideout is cleared,” the minister told reporters.",
         "last hideout", "Mohsin Raza Khattak", case_id="the-minister-told-reporters"),
    case("Kwame Osei, who leads the teachers’ union, addressed the rally in Accra. Mr Osei "
         "urged the government “to pay the arrears before the new term.”",
         "pay the arrears", "Kwame Osei", case_id="mr-surname-urged"),
    case("Kwame Osei, who leads the teachers’ union, addressed the rally in Accra.\n\n"
         "“We have waited since January,” Mr Osei said.", "waited since January",
         "Kwame Osei", case_id="mr-surname-said-next-paragraph"),
    case("Foreign Office Spokesperson Tahira Nausheen Qureshi opened the weekly briefing. "
         "“Our doors remain open for dialogue,” the spokesperson said.",
         "doors remain open", "Tahira Nausheen Qureshi", case_id="the-spokesperson"),
    case("Archbishop Thabo Mokoena led prayers outside the detention centre on Friday. The "
         "church has raised the case for two years.\n\nThe archbishop added: “A man held "
         "without charge is a man held without law.”", "held without law", "Thabo Mokoena",
         case_id="the-archbishop-added"),
    case("The Ugandan archbishop, Cyprian Lwanga, rejected the bill. “It divides families,” "
         "the archbishop said.", "divides families", "Cyprian Lwanga",
         case_id="archbishop-appositive"),
]


@pytest.mark.parametrize("text, words, names, speaker_type", NOMINALS)
def test_a_nominal_refers_to_the_person_named_earlier(text, words, names, speaker_type):
    assert_named(speaker_of(text, words), names, speaker_type)


# 4. Pronouns.
PRONOUN_CASES = [
    case("Last week Lord Pemberton said in a statement: “I approved the answer myself.” He said "
         "the answer had been drafted in his office with two officials, a QC and the then "
         "Lord Chancellor, Lord Ashby of Wrenfield. “Nobody else was involved,” he said.",
         "Nobody else was involved", ("Lord Pemberton", "Pemberton"),
         case_id="names-in-a-he-said-sentence"),
    case("Ruth Adjei, who runs the clinic, said the wells were dry. The UN envoy, samuel "
         "Okonkwo, said the alert confirmed the worst fears. He said the facts were plain.\n\n"
         "“This is not a warning but a reality,” he said.", "not a warning", "Okonkwo",
         case_id="surname-only-subject-of-said"),
    case("Maria Okonjo met Ahmed Farooqi in Abuja on Monday. “We have agreed on a timetable,” "
         "she said.", "agreed on a timetable", "Maria Okonjo", case_id="she-skips-a-man"),
    case("Ahmed Farooqi met Maria Okonjo in Abuja on Monday. “The timetable is realistic,” he "
         "said.", "timetable is realistic", "Ahmed Farooqi", case_id="he-skips-a-woman"),
    case("The Awami Rights Party held its rally in Karachi. Its leader, Farhan Siddiqui, spoke "
         "for an hour. “We will contest every seat,” he said.", "contest every seat",
         "Farhan Siddiqui", case_id="he-skips-a-party"),
    case("Junaid Akhtar flew home to Lahore on Monday. Lahore has been under smog for a week. "
         "“I could not see the runway,” he said.", "see the runway", "Junaid Akhtar",
         case_id="he-skips-a-place"),
    case("The Foreign Office summoned the ambassador on Tuesday. “The United Kingdom will not "
         "accept threats against its diplomats,” it said.", "will not accept threats",
         "Foreign Office", "organization", case_id="it-is-the-institution"),
    case("Crescent Commercial Bank raised its lending rate on Monday. “Inflation leaves us no "
         "choice,” it said in a statement.", "leaves us no choice",
         "Crescent Commercial Bank", "organization", case_id="it-is-the-company"),
    case("Kobina Asare-Bekoe, a fisherman in Elmina, lost his boat in the storm. “The sea took "
         "everything,” he said.", "sea took everything", "Kobina Asare-Bekoe",
         case_id="unknown-first-name-he"),
    case("Ifeoluwa Adebanjo-Nwosu runs a pharmacy in Ibadan. “The supplier has doubled the "
         "price,” she said.", "doubled the price", "Ifeoluwa Adebanjo-Nwosu",
         case_id="unknown-first-name-she"),
    case("Michael Brandt introduced Zhu Yuxin at the launch in Shenzhen. “The factory will open "
         "in March,” she said.", "factory will open", "Zhu Yuxin",
         case_id="unknown-first-name-nearest-she"),
]


@pytest.mark.parametrize("text, words, names, speaker_type", PRONOUN_CASES)
def test_pronouns_resolve_to_a_compatible_antecedent(text, words, names, speaker_type):
    assert_named(speaker_of(text, words), names, speaker_type)


def test_they_resolves_to_the_group_and_is_never_the_name():
    text = ("Officials at the Ministry of Water Resources said the canal would reopen on "
            "Friday. “The repairs are finished,” they said.")
    speaker = speaker_of(text, "repairs are finished")
    assert speaker.name.lower() not in PRONOUNS
    assert speaker.type == "anonymous"


# 5. Institutions, statements and capitals as speakers.
INSTITUTIONS = [
    case("The Foreign Office said in a statement: “We are in contact with the family and with "
         "the local authorities.”", "in contact with the family", "Foreign Office",
         "organization", case_id="office-said-in-a-statement"),
    case("“The talks have been useful but not decisive,” Nairobi said.", "useful but not",
         "Nairobi", "organization", case_id="capital-said"),
    case("Ankara insists that the reservoir “will be filled on the agreed schedule.”",
         "filled on the agreed", "Ankara", "organization", case_id="capital-insists"),
    case("Tehran said the tanker had been stopped “under an order of the provincial court.”",
         "provincial court", "Tehran", "organization", case_id="capital-said-partial"),
    case("“The prime minister has full confidence in the chancellor,” Downing Street said.",
         "full confidence", "Downing Street", "organization", case_id="seat-of-government"),
    case("The Punjab Food Authority sealed the factory on Monday. “The premises shall remain "
         "sealed until a fresh inspection,” the regulator’s notification read.",
         "remain sealed", "Punjab Food Authority", "organization",
         case_id="regulators-notification-read"),
    case("The United Nations Office for the Coordination of Humanitarian Affairs (OCHA) said "
         "that convoys were still waiting at the crossing and that “every day of delay costs "
         "lives.”", "every day of delay", "United Nations Office for the Coordination of "
         "Humanitarian Affairs", "organization", case_id="body-named-through-of-and-for"),
]


@pytest.mark.parametrize("text, words, names, speaker_type", INSTITUTIONS)
def test_institutions_statements_and_capitals_are_organisations(text, words, names,
                                                                speaker_type):
    assert_named(speaker_of(text, words), names, speaker_type)


@pytest.mark.parametrize("text, words, head", [
    ("“No vessel was damaged in the exercise,” the navy’s press office said.",
     "No vessel was damaged", "navy"),
    ("The rebels’ communique stressed: “Our fighters will hold every position they have "
     "taken.”", "hold every position", "rebel"),
    ("The army said in a statement: “Three soldiers were wounded in the attack.”",
     "soldiers were wounded", "army"),
], ids=["press-office", "communique", "army-statement"])
def test_unnamed_institutions_are_organisations_by_their_head(text, words, head):
    speaker = speaker_of(text, words)
    assert speaker.type == "organization", speaker
    assert head in speaker.name.lower() and speaker.name.lower() not in PRONOUNS


# 6. Passive and trailing cues.
TRAILING_CUES = [
    case("“The death toll has risen to 41,” as noted by state broadcaster KBC.", "death toll",
         "KBC", "organization", case_id="as-noted-by-state-broadcaster"),
    case("“The county has no money left for fuel,” Governor Wycliffe Barasa said, quoted by "
         "the Daily Nation.", "no money left", "Wycliffe Barasa", case_id="quoted-by-outlet"),
    case("“Load-shedding will end by June,” Energy Minister Owais Lakhani was quoted as "
         "saying.", "Load-shedding will end", "Owais Lakhani",
         case_id="was-quoted-as-saying"),
    case("Foreign Minister Abbas Rahimi-Nejad met his counterpart in Baku. “Our patience has "
         "limits,” the foreign minister said in remarks carried by state media.",
         "patience has limits", "Abbas Rahimi-Nejad", case_id="in-remarks-carried-by"),
    case("In remarks carried by state media, Foreign Minister Abbas Rahimi-Nejad said: “The "
         "border will stay open.”", "border will stay open", "Abbas Rahimi-Nejad",
         case_id="in-remarks-carried-by-fronted"),
    case("“The clinic will reopen on Monday with a full staff,” according to a statement "
         "from the Ministry of Health.", "clinic will reopen", "Ministry of Health",
         "organization", case_id="according-to-a-statement-from"),
    case("Hassan Juma Mwachiro chairs the opposition Pwani Democratic Alliance. “The port "
         "belongs to the people of the coast,” thundered the party chief at a rally in "
         "Mombasa.", "port belongs", "Hassan Juma Mwachiro", case_id="thundered-the-party-chief",
         marks=NOT_YET),
]


@pytest.mark.parametrize("text, words, names, speaker_type", TRAILING_CUES)
def test_passive_and_trailing_cues_name_the_source(text, words, names, speaker_type):
    assert_named(speaker_of(text, words), names, speaker_type)


def test_a_trailing_mention_stops_before_the_place():
    text = ("“The port belongs to the people of the coast,” thundered the party chief at a "
            "rally in Mombasa.")
    speaker = speaker_of(text, "port belongs")
    assert "rally" not in speaker.mention and "Mombasa" not in speaker.mention
    assert speaker.name.lower() not in PRONOUNS


# 7. Partial quotes governed by nouns and participles.
PARTIALS = [
    case("Kwame Osei accused the utility of a “reckless disregard for safety” after the "
         "blast.", "reckless disregard", "Kwame Osei", case_id="accused-x-of-a"),
    case("The Public Utility Workers’ Union accused the utility of a “reckless disregard for "
         "safety” after the blast.", "reckless disregard", "Public Utility Workers’ Union",
         "organization", case_id="organisation-accused-x-of-a"),
    case("Senator Farzana Lashari faulted the auditors for arriving “with no mandate and no "
         "deadline.”", "with no mandate", "Farzana Lashari", case_id="faulted-x-for"),
    case("Governor Abdul Karim Tareen toured the flooded district on Sunday, vowing to "
         "“rebuild every school before the next term.”", "rebuild every school",
         "Abdul Karim Tareen", case_id="vowing-to"),
    case("Japan’s envoy, Kenji Morita, voiced “deep reservations about the timetable” at the "
         "meeting.", "deep reservations", "Kenji Morita", case_id="voiced"),
    case("Chief Minister Ayesha Durrani made a pledge to “clear the backlog of pensions by "
         "June.”", "backlog of pensions", "Ayesha Durrani", case_id="a-pledge-to"),
    case("Opposition leader Haroon Baig accused Finance Minister Omer Siddiqui of “hiding the "
         "true size of the deficit.”", "hiding the true size", "Haroon Baig",
         case_id="subject-not-object"),
    case("Kenya’s Cabinet Secretary for Roads, Transport and Public Works, Amina Wekesa, gave "
         "contractors a blunt deadline “to finish before the rains.”",
         "to finish before the rains", "Amina Wekesa", case_id="gave-x-a-deadline-to"),
    case("Health Secretary Joan Mbeki rejected Mr Clarke’s comment, telling the morning "
         "programme that the service was not “in crisis” at all.", "in crisis", "Joan Mbeki",
         case_id="participle-after-a-possessive-noun"),
    case("Foreign Office spokesperson Nadia Rahimi opened the weekly briefing. Dismissing the "
         "envoy’s “baseless and provocative” remarks about the dam, she said that the treaty "
         "remained binding on both parties.", "baseless and provocative", "Nadia Rahimi",
         case_id="fronted-participle-clause"),
]


@pytest.mark.parametrize("text, words, names, speaker_type", PARTIALS)
def test_a_partial_quote_belongs_to_the_subject_of_its_verb(text, words, names, speaker_type):
    assert_named(speaker_of(text, words), names, speaker_type)


# 8. Anonymous sources.
@pytest.mark.parametrize("text, words, description", [
    ("“A deal is closer than it has been for a year,” people familiar with the talks said.",
     "deal is closer", "familiar with the talks"),
    ("Two senior officials said the ceasefire had held overnight. “There were no violations "
     "after midnight,” the sources added.", "no violations", "official"),
    ("“The port will reopen on Friday,” a senior port official told AFP on condition of "
     "anonymity.", "port will reopen", "senior port official"),
    ("“The proposal is dead,” a Western diplomat said, with Cairo maintaining that the talks "
     "would resume next week.", "proposal is dead", "diplomat"),
    ("A nurse in the emergency department said: “We ran out of saline on Tuesday.”",
     "ran out of saline", "nurse"),
    ("“Prices will fall by the summer,” the minister said.", "Prices will fall", "minister"),
    ("Station house officer Tariq Kundi was transferred in May.\n“We are outnumbered and "
     "outgunned,” says a Kundi constable.", "outnumbered", "constable"),
], ids=["people-familiar", "the-sources-added", "on-condition-of-anonymity",
        "not-the-place-after-the-quote", "a-nurse-is-a-person-not-an-organisation",
        "unresolved-nominal-is-anonymous", "a-place-qualifying-a-constable"])
def test_anonymous_sources_keep_their_description(text, words, description):
    assert_anonymous(speaker_of(text, words), description)


# 9. Names beyond the Anglo lexicon.
NAMES = [
    case("“We will not accept this verdict,” said Maulana Fazal Karim Niazi.", "this verdict",
         ("Fazal Karim Niazi", "Maulana Fazal Karim Niazi"), case_id="maulana"),
    case("Allama Tahir Hussain Kazmi told the gathering: “Unity is our only defence.”",
         "Unity is our only", ("Tahir Hussain Kazmi", "Allama Tahir Hussain Kazmi"),
         case_id="allama"),
    case("“The fund will double its grants next year,” said Sheikh Abdullah bin Hamad "
         "al-Mansouri, the fund’s director.", "double its grants",
         ("Abdullah bin Hamad al-Mansouri", "Sheikh Abdullah bin Hamad al-Mansouri"),
         case_id="sheikh-bin-al"),
    case("Mufti Ghulam Rasool Naqshbandi said: “The sit-in will be peaceful.”",
         "sit-in will be peaceful", ("Ghulam Rasool Naqshbandi", "Mufti Ghulam Rasool Naqshbandi"),
         case_id="mufti"),
    case("“The House deserves the numbers,” said Begum Shahnaz Akhtar Kharal.",
         "deserves the numbers", ("Shahnaz Akhtar Kharal", "Begum Shahnaz Akhtar Kharal"),
         case_id="begum"),
    case("Sardar Imtiaz Hussain Baloch told the Assembly: “The walkout is our only language "
         "now.”", "walkout is our only", ("Imtiaz Hussain Baloch", "Sardar Imtiaz Hussain Baloch"),
         case_id="sardar"),
    case("“The committee will summon the secretary,” Mian Tariq Mehmood Arain said.",
         "summon the secretary", ("Tariq Mehmood Arain", "Mian Tariq Mehmood Arain"),
         case_id="mian"),
    case("“Imports will stop when the crop arrives,” said Syed Faiz-ul-Hasan Rizvi.",
         "Imports will stop", ("Faiz-ul-Hasan Rizvi", "Syed Faiz-ul-Hasan Rizvi"),
         case_id="syed-ul"),
    case("“Iraq will not beg for its own river,” said Abdul Sattar Jabbar al-Rubaie.",
         "beg for its own river", "Abdul Sattar Jabbar al-Rubaie", case_id="abdul-al"),
    case("“The crossing is open to trucks again,” said Ahmed Fathy el-Sherbiny.",
         "crossing is open", "Ahmed Fathy el-Sherbiny", case_id="el-particle"),
    case("“Our exports are recovering,” said Mehmet Emin Karaboğa.", "exports are recovering",
         "Mehmet Emin Karaboğa", case_id="turkish-diacritic"),
    case("“The wage is not enough to live on,” said Md. Nurul Absar Bhuiyan.",
         "not enough to live on", "Md. Nurul Absar Bhuiyan", case_id="bengali-md"),
    case("“Trade with the region is growing again,” said Wang Xiaoming, a spokesman for the "
         "commerce ministry.", "Trade with the region", "Wang Xiaoming", case_id="chinese"),
    case("“The nets came up empty all week,” said Mwanaisha Juma Salim, a fish trader in "
         "Lamu.", "nets came up empty", "Mwanaisha Juma Salim", case_id="swahili"),
]


@pytest.mark.parametrize("text, words, names, speaker_type", NAMES)
def test_names_with_particles_hyphens_and_honorifics(text, words, names, speaker_type):
    assert_named(speaker_of(text, words), names, speaker_type)


@pytest.mark.parametrize("text, words, organisation", [
    ("“The march will go ahead as planned,” Jamaat-e-Islami said in a statement.",
     "march will go ahead", "Jamaat-e-Islami"),
    ("Hizb-ut-Tahrir said: “We reject the ban and will challenge it in court.”",
     "reject the ban", "Hizb-ut-Tahrir"),
    ("“Every day of closure costs our members forty million rupees,” the "
     "Tehreek-e-Tajiran-e-Sarhad said.", "forty million rupees", "Tehreek-e-Tajiran-e-Sarhad"),
], ids=["jamaat-e-islami", "hizb-ut-tahrir", "invented-tehreek"])
def test_hyphenated_organisations_are_organisations(text, words, organisation):
    assert_named(speaker_of(text, words), organisation, "organization")


# 10. Speaker sanity.
def test_a_relative_clause_is_not_a_role():
    text = ("Priya Halvorsen, who chairs the finance committee, said: “The reserves are "
            "healthy.”")
    speaker = speaker_of(text, "reserves are healthy")
    assert speaker.name == "Priya Halvorsen"
    assert not (speaker.role or "").lower().startswith("who"), f"role {speaker.role!r}"


def test_a_bare_honorific_is_not_a_role():
    speaker = speaker_of("“The ward is full again,” said Dr. Aisha Siddiqa.", "ward is full")
    assert speaker.name == "Aisha Siddiqa"
    assert speaker.role not in {"Dr.", "Dr"}


@pytest.mark.parametrize("text, words", [
    ("“The plan has been approved,” the bank said.", "plan has been approved"),
    ("“Nobody consulted us,” the board said on Monday.", "Nobody consulted us"),
    ("The union gave a sharp reply. “We will see them in court,” it said.", "see them in court"),
    ("“We will not be moved,” they said.", "will not be moved"),
    ("“The figures are wrong,” an official said.", "figures are wrong"),
], ids=["the-bank", "the-board", "it", "they", "an-official"])
def test_a_speaker_name_is_never_a_pronoun_or_a_lowercase_common_noun(text, words):
    quote = next(q for q in extract(text) if words in q.text)
    speaker = quote.speaker
    if speaker is None:  # left unattributed rather than named badly: allowed
        return
    assert speaker.name.lower() not in PRONOUNS, speaker
    assert speaker.name.split()[-1].lower() not in PRONOUNS, speaker
    assert speaker.name[:1].isupper() or speaker.type == "anonymous", speaker
