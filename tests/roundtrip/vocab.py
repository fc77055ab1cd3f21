"""Spoken-Dutch fragments for generated interviews about regie practice.

Everything here is fictitious. The fragments are chosen to hold the things that trip transcript
readers: colons inside sentences (``Ik zei: dat kan niet.``), transcription marks (``(lacht)``,
``[onverstaanbaar]``, ``eh``), quotes, dashes, numbers and times of day, accented letters
(ë, ï, é, ö), questions inside answers, sentences that open with a capitalised name and a
comma, and a few sentences that open with a capitalised noun phrase and a colon
(``Veilig Thuis: die zaten er ook bij.``) — which a human reader never mistakes for a speaker
because the text after the colon goes on in lower case inside someone else's turn.

Every character is in Windows-1252, so any interview can be written in that encoding.
"""
from __future__ import annotations

#: First names used as speaker labels (some are also Dutch words: Roos, Mark, Els).
FIRST_NAMES = (
    "Fatima", "Mark", "Sanne", "Ahmed", "Ilse", "Joost", "Noor", "Bram", "Yusuf", "Karin",
    "Sevda", "Thijs", "Mirjam", "Rachid", "Anouk", "Chantal", "Özlem", "Noël", "Zoë", "Daniëlle",
    "Henk", "Roos", "Els", "Gerrit", "Priya", "Malika", "Jeroen", "Esther",
)
SURNAMES = (
    "de Vries", "Jansen", "El Amrani", "Bakker", "Yilmaz", "van Dijk", "Visser", "de Boer",
    "Öztürk", "Mulder", "Hoekstra", "Boukhari", "van der Linden", "Smit", "Meijer",
)
ORG_SUFFIXES = ("Actiecentrum", "Gemeente Amsterdam", "Veiligheidshuis", "OM", "GGD", "wijkteam Oost")

#: Clients in the stories (never speakers).
CLIENTS = ("Kevin", "Dewi", "Mo", "Jessica", "Dylan", "Samira", "meneer Bakker", "mevrouw Yilmaz",
           "die jongen", "die moeder", "de cliënt")
CLIENTS_CAP = ("Kevin", "Dewi", "Mo", "Jessica", "Dylan", "Samira", "Meneer Bakker", "Mevrouw Yilmaz")
ORGS = ("de wijkagent", "het wijkteam", "de reclassering", "Veilig Thuis", "de GGD", "het OM",
        "de woningcorporatie", "het Leger des Heils", "de leerplichtambtenaar", "de GGZ",
        "Jeugdbescherming", "de schuldhulpverlening", "het Veiligheidshuis", "de huisarts")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")

#: Respondent sentences; ``{client}``, ``{Client}``, ``{org}``, ``{org2}``, ``{n}``, ``{age}``,
#: ``{year}``, ``{date}``, ``{time}`` are filled in.
RESPONDENT = (
    "Ik zei: dat kan niet, zo werken we hier niet.",
    "En toen belde {org} op een vrijdagmiddag, eh, om half vijf.",
    "{Client}, die was toen {age} jaar, woonde nog bij zijn moeder in Nieuw-West.",
    "{Client}, dat was echt een casus waar iedereen op vastliep.",
    "Het punt is: niemand voelde zich eigenaar van die casus.",
    "Dat was in {year}, als ik het me goed herinner.",
    "We hadden – hoe zeg je dat – een soort doorbraakoverleg.",
    "(lacht) Ja, dat is eigenlijk altijd zo.",
    "Er zaten {n} partijen aan tafel en iedereen had een ander verhaal.",
    "Mijn collega zei: \"Je moet gewoon doorpakken.\"",
    "Ze vroeg me: waarom bel je nu pas?",
    "[onverstaanbaar] en daarna ging het eigenlijk best goed.",
    "Uh, ik weet het niet meer precies.",
    "Dat is echt, eh, een heel gedoe geweest met de privacy.",
    "De casusregisseur heeft dan doorzettingsmacht, in theorie dan.",
    "In de praktijk is het: bellen, bellen en nog eens bellen.",
    "Zo'n {n} keer per week hadden we contact met {org}.",
    "Dat vond ik wel – ja – best spannend.",
    "Het Actiecentrum Veiligheid en Zorg had daar een rol in.",
    "We noemden dat 'de warme overdracht'.",
    "Die cliënt wilde eerst niet, hè, die was heel wantrouwig.",
    "Met {org}, {org2} en de GGZ zaten we uiteindelijk op één lijn.",
    "Naïef misschien, maar ik geloofde er echt in.",
    "Coördinatie, dat is gewoon het sleutelwoord.",
    "Ideeën genoeg, maar geen geld en geen tijd.",
    "Om {time} uur zaten we allemaal in het Veiligheidshuis.",
    "Dat was op {date}, een dinsdag.",
    "Een stuk of {n} instanties, echt waar.",
    "Wat ik wel merkte... mensen werden moe van al dat overleggen.",
    "Dus ja.",
    "Ik heb {org} toen gewoon gebeld en gezegd: kom op, we moeten nu iets.",
    "{org_cap} had de informatie, maar mocht die niet delen.",
    "Dat heeft me echt, uh, wakker gehouden.",
    "Ik denk dat het 60 à 70 procent van mijn tijd is, dat afstemmen.",
    "Soms moet je gewoon zeggen: ik neem de regie, punt.",
    "En {client} zat daar tussenin, die snapte er niks meer van.",
    "Het plan van aanpak telde uiteindelijk 12 pagina's.",
    "(zucht) Ja, wat moet ik daarvan zeggen.",
    "Die jongen is nu {age}, hij heeft een baan en een eigen kamer.",
    "Ik heb geleerd: als je niet belt, belt niemand.",
    "De vraag was eigenlijk: wie betaalt dit?",
    "[naam] belde me 's avonds nog, dat vergeet ik nooit.",
    "Toen kwam de burgemeester met een last onder dwangsom, artikel 174a.",
    "Het was een café-achtige ruimte, heel informeel.",
    "Nou, dat ging dus helemaal mis – niemand had het dossier gelezen.",
    "Je wilt de casus niet overnemen, je wilt dat iedereen zijn werk doet.",
    "Dat is de kern van regie, denk ik.",
    "We hebben toen een gezamenlijk plan gemaakt, één gezin, één plan, één regisseur.",
    "Hij had 23 incidenten in twee jaar, dat is veel.",
    "{Client}, daar ben ik nog steeds trots op.",
    "En de moeder zei: \"Jullie komen alleen als het fout gaat.\"",
    "Dat was echt een eyeopener voor me.",
    "Ik weet nog dat het regende, half november.",
    "Je moet ook je eigen organisatie meekrijgen, dat vergeet men vaak.",
    "[pauze] Ja. Dat was zwaar.",
    "Ze zeiden letterlijk: dat is niet onze taak.",
    "Mevrouw Öztürk, de moeder, was de enige die echt bleef.",
)
#: Sentences that open with a capitalised noun phrase and a colon, or have a capitalised word
#: before a colon mid-sentence (which a wrapped line can bring to the start of a line). Drawn
#: rarely (see ``generate.HAZARD_P``) so that, as in real talk, the same one seldom comes twice.
RESPONDENT_HAZARD = (
    "{Orgname}: die zaten er vanaf het begin bij.",
    "{Orgname}: daar had ik eigenlijk niks aan.",
    "Dat noemen we bij de {ORG}: een warme overdracht.",
    "Officier van justitie: die moet je er gewoon bij hebben.",
    "Dan heb je nog {Orgname}: ook zo'n verhaal.",
)
ORGNAMES = ("Veilig Thuis", "Jeugdbescherming", "Bureau Halt", "Reclassering Nederland", "Stichting Exodus",
            "Woonstichting De Key", "Leger des Heils", "Politie Amsterdam", "Raad voor de Kinderbescherming")
ORG_ACRONYMS = ("GGD", "GGZ", "RvdK", "OM", "ZSM-tafel")
#: Short respondent answers.
RESPONDENT_SHORT = ("Ja, klopt.", "Nee, niet echt.", "Ja.", "Precies.", "Dat weet ik niet.", "Nee.",
                    "Ja, prima.", "Zeker.", "Ja, dat denk ik wel.", "Mm-hm, ja.")
#: What a respondent says when the interview starts with them.
RESPONDENT_OPENING = ("Zo, ga zitten. Ik heb tot elf uur.", "Goedemorgen. Ik heb koffie voor je gehaald.",
                      "Sorry, ik was even te laat, het was druk op de ring.")
RESPONDENT_CLOSING = ("Graag gedaan.", "Graag gedaan, succes ermee.", "Ja, dank jij.",
                      "Ik ben benieuwd naar de resultaten.")

INTERVIEWER_OPENING = (
    "Dank je wel dat je tijd wilt maken. Ik neem het gesprek op, is dat goed?",
    "Fijn dat het lukt vandaag. Zoals gezegd gaat het over regie in de praktijk. Mag ik het opnemen?",
    "Goed, we beginnen. Kun je eerst iets over jezelf vertellen?",
)
INTERVIEWER_QUESTIONS = (
    "Hoe begon die casus?",
    "Kun je daar een voorbeeld van geven?",
    "Wat bedoel je precies met regie?",
    "En hoe reageerde {org} daarop?",
    "Wie had toen de lead, eigenlijk?",
    "Als je terugkijkt: wat had je anders willen doen?",
    "En toen?",
    "Wat gebeurde er daarna met {client}?",
    "Hoeveel partijen waren er betrokken, ongeveer?",
    "Hoe ging dat overleg dan?",
    "Wat maakte het zo lastig?",
    "Had je daar steun in van je leidinggevende?",
    "Hoe weet je of het gelukt is?",
    "Wat doet dat met jou, zo'n casus?",
    "En de privacyregels, speelden die een rol?",
    "Wat is volgens jou het verschil tussen coördineren en regisseren?",
    "Kun je iets meer vertellen over dat doorbraakoverleg?",
    "Hoe lang heeft dat geduurd?",
    "Was dat in {year} of later?",
    "Wie zat er aan tafel?",
    "En hoe ging het met de moeder?",
    "Wat heb je nodig om dit goed te kunnen doen?",
)
#: Prompts that are no questions by punctuation.
INTERVIEWER_PROMPTS = ("Vertel eens hoe dat ging.", "Neem me eens mee in die casus.", "Zeg het maar.",
                       "Ga door, ik ben benieuwd.")
INTERVIEWER_SUMMARY = (
    "Je zei net: niemand voelde zich eigenaar.",
    "Dus als ik je goed begrijp: {org} had de informatie, maar deelde die niet.",
    "Dat klinkt als een lastige situatie.",
    "Oké, dat is helder.",
    "Interessant, dat hoor ik vaker.",
    "Ja, dat snap ik.",
)
BACKCHANNEL = ("Ja.", "Oké.", "Mm-hm.", "Oké, duidelijk.", "Ja, precies.", "Hm.")
INTERVIEWER_CLOSING = ("Heb je nog iets toe te voegen? Anders wil ik je heel erg bedanken.",
                       "Dat was mijn laatste vraag. Is er nog iets wat je kwijt wilt?",
                       "Dank je wel voor het gesprek, dit was heel waardevol.")

#: A third person who drops in (no questions, one or two short turns): role ``other``.
INTERRUPTER = ("Sorry dat ik stoor, je volgende afspraak is er al.",
               "Ik zet de koffie hier even neer.",
               "De taxi voor {client} staat beneden, zeg ik even.",
               "Excuus, ik zoek de sleutel van kamer 4.",
               "Ik ben weer weg hoor, ga vooral door.")
#: A note-taker (labelled ``Notulist``/``Observator``): role ``other``.
NOTETAKER = ("Even voor de opname: het is nu {time} uur.", "De recorder loopt nog, ga maar door.",
             "Ik noteer het even.")
#: A second interviewer (labelled ``Interviewer 2``/``I2``): asks questions, role ``interviewer``.
CO_INTERVIEWER = ("Mag ik daar even op inhaken: wie betaalde dat?", "Hoe zag dat er in de praktijk uit?",
                  "En jouw leidinggevende, wat vond die ervan?")

#: Words inserted inside sentences (never first).
FILLERS = ("eh,", "uh,", "ehm,", "nou,", "(lacht)", "[onverstaanbaar]", "hè,", "zeg maar,", "...", "[naam]")

TITLES = ("Transcript interview {code}", "Interview {code} – regie in de wijk", "Regiegesprek {code}",
          "Onderzoek regie Top600 – interview {code}")
META = ("Datum: {date} {year}", "Locatie: kantoor {org_place}", "Transcriptie: letterlijk, door J. de Boer",
        "Duur: {n} minuten", "Transcriptie: woordelijk, met (lacht) en [onverstaanbaar] als markeringen")
ORG_PLACES = ("Veiligheidshuis Amsterdam", "wijkteam Noord", "Zorg- en Veiligheidshuis Rotterdam",
              "stadsdeel Oost")
END_LINES = ("Einde interview", "[einde opname]", "Einde van het gesprek")
