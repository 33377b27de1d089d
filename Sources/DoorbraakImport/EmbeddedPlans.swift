// Generated from ModelPlans/ by `DOORBRAAK_WRITE_PLANS=1 swift test --filter theBuiltInPlansAreTheFolder`;
// a test keeps it identical to the folder. Do not edit by hand.

/// The model plans built into the executable, so that `doorbraak init` works anywhere.
public enum EmbeddedPlans {
    /// Each plan file's name and text, in name order.
    public static let files: [(name: String, text: String)] = [
        ("capaciteitsplanning.json", #"""
{
  "id": "capaciteitsplanning",
  "code": "AI-CAP",
  "version": "1.0.0",
  "title": "AI-ondersteunde capaciteitsplanning",
  "theme": "ai",
  "sectors": [
    "msz",
    "vvt"
  ],
  "problem": "Roosteren en capaciteitsplanning in ziekenhuizen en wijkverpleging gebeuren grotendeels handmatig, met basisroosters die slecht aansluiten op de werkelijke zorgvraag, OK- en opnameplanningen met grote marges en dagelijkse puzzels bij uitval en no-shows. Dat leidt tot onderbenutting van schaarse professionals, dure inhuur van flexwerkers, onnodige reistijd in de wijk en piekbelasting. AI-toepassingen die vraag, ingreepduur, no-show en looproutes voorspellen en roosters optimaliseren zijn beschikbaar maar zelden geïntegreerd in planning- en HR-systemen.",
  "goal": "De deelnemende aanbieders plannen OK-, poli-, kliniek- of wijkteamcapaciteit met een AI-ondersteund planningsinstrument dat aansluit op hun bronsystemen, waardoor de benutting van beschikbare professionals aantoonbaar stijgt, inhuur en overwerk dalen en de vrijgespeelde capaciteit wordt ingezet voor extra zorg of om het tekort op te vangen.",
  "scope": "Binnen scope: AI-voorspelling van ingreep- en opnameduur, no-show-voorspelling met gerichte acties, vraaggestuurde basisroosters en functiemix, optimalisatie van routes en dagplanning in de wijkverpleging (Zvw), koppeling met EPD/ECD en rooster-/HR-systeem, scholing van planners en teamleiders. Buiten scope: Wlz-zorg, vervanging van het volledige HR-systeem, AI voor diagnostiek, en structurele licentiekosten na de looptijd. Het mentaal schakelpunt (ggz/huisartsenzorg) valt onder een eigen modelplan.",
  "milestones": [
    {
      "code": "M1",
      "title": "Implementatieplan en nulmeting planning en benutting",
      "obligation": "inspanning",
      "share": 15,
      "latest": "2027-06-30",
      "evidence": "ondertekend implementatieplan, DPIA, nulmetingrapport met benuttingsgraad OK/poli/wijkteam, inhuur, overwerk en no-show-percentage over de voorgaande 12 maanden"
    },
    {
      "code": "M2",
      "title": "Datakoppeling en gevalideerd voorspelmodel",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2027-12-31",
      "evidence": "validatierapport van het voorspelmodel op eigen historische data (voorspelfout ingreepduur/vraag) en testrapport koppeling met EPD/ECD en roostersysteem"
    },
    {
      "code": "M3",
      "title": "Planning op basis van het instrument in de eerste afdelingen/teams",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-06-30",
      "evidence": "roosters en planningen uit het instrument voor minimaal 30% van de afdelingen/wijkteams, met gebruiksrapportage"
    },
    {
      "code": "M4",
      "title": "Volledige uitrol en vastgesteld nieuw basisrooster",
      "obligation": "resultaat",
      "share": 20,
      "latest": "2028-12-31",
      "evidence": "door het bestuur vastgestelde basisroosters en formatieplan op basis van het instrument voor alle beoogde afdelingen/teams"
    },
    {
      "code": "M5",
      "title": "Effectmeting en borging",
      "obligation": "resultaat",
      "share": 15,
      "latest": "2029-06-30",
      "evidence": "meetrapport benutting, inhuur, overwerk en fte-effect t.o.v. nulmeting over minimaal 6 maanden, begroting met structurele kosten vanaf 2029"
    }
  ],
  "kpis": [
    {
      "name": "Benutting geplande capaciteit (OK/poli/wijkteam)",
      "unit": "% t.o.v. nulmeting",
      "target": "+5 procentpunt"
    },
    {
      "name": "Inhuur en overwerk",
      "unit": "uren per maand t.o.v. nulmeting",
      "target": "-20%"
    },
    {
      "name": "No-show poli",
      "unit": "% afspraken",
      "target": "-25% t.o.v. nulmeting"
    },
    {
      "name": "Vrijgespeelde capaciteit",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 6,0 (fact base); hoger alleen met onderbouwde afwijking"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "4000000.00",
    "spending_years": [
      2027,
      2028,
      2029
    ],
    "plausible_max_fte_per_mln": "6.0"
  },
  "excluded_categories": [],
  "basiseisen": {
    "1": "Het instrument verhoogt de productiviteit door capaciteit beter op de vraag af te stemmen (minder leegloop, no-show en inhuur); de coalitie meet benutting en fte-effect tegen een nulmeting. De feitenbasis komt uit op tot 6 fte per EUR mln; een aanvraag die een hogere impact claimt (nodig voor impactlat B of A) motiveert dat als afwijking.",
    "2": "De business case zet eenmalige kosten (datakoppeling, modelvalidatie, scholing planners) en structurele licentiekosten af tegen minder inhuur van flexwerkers, minder overwerk en extra productie binnen bestaande formatie; vermeden inhuur maakt de business case ook bij lage fte-impact positief.",
    "3": "Het implementatieplan benoemt per aanbieder een bestuurlijk opdrachtgever, de capaciteitsmanager/planningsafdeling als eigenaar, de betrokken medisch specialisten of wijkteams en de leverancierscapaciteit; roosterbesluiten worden met de OR en teams voorbereid.",
    "4": "De middelen worden vrijwel volledig besteed in 2027 en 2028; alleen de effectmeting en borging (M5) valt in het eerste halfjaar van 2029 omdat een basisroostercyclus en seizoenseffecten pas na een vol jaar meetbaar zijn, binnen het kasritme 2027-2029.",
    "5": "De nieuwe basisroosters, functiemix en planningsregels worden formeel vastgesteld en in de planningscyclus opgenomen; het voorspelmodel wordt periodiek hervalideerd door de eigen planningsafdeling.",
    "6": "Datakoppelingen, modelvalidatie op eigen data en het herontwerp van roosters vragen een eenmalige investering en tijdelijke dubbele planning die aanbieders niet uit de lopende exploitatie kunnen dragen; zonder impuls blijft het bij handmatige planning.",
    "7": "De toepassing voldoet aan AVG (minimale persoonsgegevens van patiënten en medewerkers, DPIA), arbeidstijdenwet en cao-afspraken over roosters, medezeggenschap (WOR), de EU AI-verordening (transparantie bij inzet van AI op werknemers) en NEN 7510.",
    "8": "De eenmalige impuls dekt implementatie en validatie; licentie en beheer worden na afloop gedekt uit de besparing op inhuur en overwerk en via de reguliere exploitatie en contractering.",
    "9": "Structurele licentie- en beheerkosten worden per jaar begroot en afgezet tegen de structurele besparing op inhuur, overwerk en leegloop; alleen als deze besparing minstens zo hoog is, wordt de toepassing per afdeling voortgezet.",
    "10": "Voor het instrument zijn gestructureerde historische gegevens nodig (agenda's, ingreepduur, opnames, roosters, routes); de aanvraag benoemt de bronsysteemkoppelingen (EPD/ECD, HR/rooster), de vereiste datakwaliteit en gebruikt open standaarden en interfaces zodat de planning niet handmatig hoeft te worden overgenomen.",
    "11": "Gekozen wordt op functionaliteit; modellen en planningsregels blijven eigendom van de aanbieders, data zijn exporteerbaar en er worden exit-afspraken gemaakt om lock-in bij een planningsleverancier te voorkomen; kennis wordt om niet gedeeld.",
    "12": "De aanvraag wordt gedaan door ten minste twee samenwerkende aanbieders (bijv. ziekenhuizen in een regio of wijkverpleegorganisaties), zodat modelvalidatie, scholing en leveranciersafspraken gedeeld worden.",
    "13": "Planners, teamleiders en roosteraars worden geschoold in het werken met voorspellingen en het bijsturen van AI-voorstellen; teams worden betrokken bij nieuwe basisroosters, met aandacht voor acceptatie en zeggenschap over eigen rooster.",
    "14": "Waar planning raakt aan ketenpartners (bijv. transfer ziekenhuis-wijkverpleging) worden afspraken vastgelegd; structurele kosten vallen na de looptijd onder de reguliere bedrijfsvoering en de contractering met de zorgverzekeraar."
  },
  "source": "Toepassing: 004 line 108-114 (AI voor slimmere roosters) en line 2821 (msz en vvt); plausible_max_fte_per_mln 6.0: 004 line 1114: 'AI kan logistieke processen optimaliseren met impact tot 6 fte/EUR mln', waaronder 'optimaliseren van roosters' (line 1128); de basis is AI voor OK-/opnameplanning en no-shows in ziekenhuizen (line 2359-2360); max_amount_per_provider €4 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2817: AI richtbedrag €275 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen hoger dan de digitale plannen omdat roosteroplossingen organisatiebreed worden ingevoerd; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2029: 004 line 2900: aangepast kasritme, middelen 'besteed in de jaren 2027, 2028 en 2029' (ook line 253: Zvw-middelen 2027 t/m 2029); dat dit plan 2029 benut in plaats van basiseis 4 (line 2632: 2027 en 2028) is een assumption: roostereffecten zijn pas na een volledige roostercyclus meetbaar; mijlpalen (M1 15% uiterlijk 2027-06-30, M2 25% uiterlijk 2027-12-31, M3 25% uiterlijk 2028-06-30, M4 20% uiterlijk 2028-12-31, M5 15% uiterlijk 2029-06-30): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories leeg: assumption: 004 sluit alleen de aanschaf van hulpmiddelen uit (line 2805 en 2809), wat bij deze toepassing niet speelt; structurele kosten vallen los daarvan buiten de middelen (line 625)."
}
"""#),
        ("digitale-beslisondersteuning.json", #"""
{
  "id": "digitale-beslisondersteuning",
  "code": "DHZ-DBO",
  "version": "1.0.0",
  "title": "Digitale beslisondersteuning in de ggz",
  "theme": "digitale-hybride-zorg",
  "sectors": [
    "ggz"
  ],
  "problem": "Ggz-behandelaars besteden veel tijd aan het opzoeken van richtlijnen, het bespreken van behandelkeuzes in multidisciplinair overleg en het handmatig volgen van de voortgang via ROM-vragenlijsten. Behandelingen die niet aanslaan worden vaak laat bijgestuurd, wat trajecten verlengt. Digitale beslisondersteuning die ROM-data, richtlijnen en voortgangssignalen combineert en cliënten via app of portaal zelf laat bijhouden, bespaart tijd en maakt tijdige bijsturing mogelijk.",
  "goal": "Behandelaars in de deelnemende ggz-instellingen werken met een in het ggz-EPD geïntegreerd beslisondersteuningsinstrument dat op basis van ROM en zelfgerapporteerde gegevens van cliënten behandeladviezen en signalen voor niet-verbeteren geeft, met minder overlegtijd per behandelbeslissing, eerder bijgestuurde behandelingen en kortere trajecten.",
  "scope": "Binnen scope: implementatie van beslisondersteuning (richtlijnadviezen, voortgangsmonitoring/not-on-track-signalering, samen beslissen), cliëntportaal of app voor zelfmonitoring, koppeling met ggz-EPD en ROM, scholing en evaluatie. Buiten scope: ontwikkeling van nieuwe AI-modellen, diagnostiek op basis van beeldvorming, forensische zorg buiten de Zvw, en structurele licentiekosten na de looptijd.",
  "milestones": [
    {
      "code": "M1",
      "title": "Implementatieplan, DPIA en nulmeting",
      "obligation": "inspanning",
      "share": 15,
      "latest": "2027-03-31",
      "evidence": "ondertekend implementatieplan, DPIA, nulmeting behandelduur, overlegtijd per behandelbeslissing en aandeel not-on-track-trajecten"
    },
    {
      "code": "M2",
      "title": "Instrument geïntegreerd in ggz-EPD en gevalideerd",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2027-12-31",
      "evidence": "testrapport EPD-/ROM-koppeling en validatierapport van adviezen op eigen populatie (inclusief bias-toets)"
    },
    {
      "code": "M3",
      "title": "Gebruik door 60% van de behandelaars",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-06-30",
      "evidence": "gebruiksrapportage (adviezen geraadpleegd per traject, cliënten in zelfmonitoring) en scholingsregistratie"
    },
    {
      "code": "M4",
      "title": "Aangepaste overlegstructuur en behandelprotocollen",
      "obligation": "resultaat",
      "share": 15,
      "latest": "2028-09-30",
      "evidence": "vastgestelde nieuwe MDO-structuur en protocol voor bijsturing op signaal"
    },
    {
      "code": "M5",
      "title": "Effectmeting en borging",
      "obligation": "resultaat",
      "share": 20,
      "latest": "2029-06-30",
      "evidence": "meetrapport behandelduur, overlegtijd, ROM-uitkomst en fte-effect t.o.v. nulmeting over minimaal 6 maanden, begroting structurele kosten"
    }
  ],
  "kpis": [
    {
      "name": "Gemiddelde behandelduur per traject",
      "unit": "weken t.o.v. nulmeting",
      "target": "-10%"
    },
    {
      "name": "Overlegtijd per behandelbeslissing (MDO)",
      "unit": "minuten t.o.v. nulmeting",
      "target": "-30%"
    },
    {
      "name": "Not-on-track-trajecten tijdig bijgestuurd",
      "unit": "% binnen 4 weken na signaal",
      "target": ">= 80%"
    },
    {
      "name": "Vrijgespeelde behandelaarscapaciteit",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 13,0 (norm); impactlat B vraagt onderbouwde afwijking"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "3000000.00",
    "spending_years": [
      2027,
      2028,
      2029
    ],
    "plausible_max_fte_per_mln": "13.0"
  },
  "excluded_categories": [],
  "basiseisen": {
    "1": "Beslisondersteuning verhoogt de productiviteit doordat zoek- en overlegtijd afneemt en niet-effectieve behandelingen eerder worden bijgestuurd, wat trajecten verkort; de coalitie meet behandelduur en overlegtijd tegen de nulmeting.",
    "2": "De business case zet integratie, validatie en scholing (eenmalig) en licenties (structureel) af tegen bespaarde overleg- en behandeltijd; omdat AI-/beslisondersteuning volgens de feitenbasis hogere structurele kosten kent, wordt de business case per jaar doorgerekend.",
    "3": "Elke instelling benoemt een bestuurlijk opdrachtgever, een regiebehandelaar als inhoudelijk eigenaar en een ROM-/datateam; het implementatieplan regelt uitrol per zorglijn en de betrokkenheid van ervaringsdeskundigen.",
    "4": "De middelen worden vrijwel geheel in 2027 en 2028 besteed; validatie op eigen populatie kost tijd, daarom valt de effectmeting (M5) in de eerste helft van 2029, binnen het kasritme 2027-2029.",
    "5": "Beslisondersteuning wordt onderdeel van de behandelprotocollen en de MDO-structuur; periodieke hervalidatie en beheer worden belegd bij het eigen ROM-/datateam.",
    "6": "Integratie in het ggz-EPD, validatie op eigen data en de omslag in overlegstructuren vergen een investering die ggz-instellingen bij krappe marges niet uit de reguliere zpm-bekostiging kunnen dragen.",
    "7": "Het instrument voldoet aan de MDR (klasse IIa of hoger indien het behandeladvies geeft), de EU AI-verordening (hoog-risico-eisen waar van toepassing), AVG en NEN 7510; adviezen zijn uitlegbaar en de behandelaar blijft eindverantwoordelijk.",
    "8": "De impuls dekt eenmalige integratie, validatie en scholing; licenties en beheer worden na afloop uit de reguliere exploitatie gedekt, gefinancierd uit de kortere trajecten.",
    "9": "Structurele licentie- en beheerkosten worden begroot en afgezet tegen bespaarde behandelaarsuren; de aanvraag toont dat de besparing minstens zo hoog is, anders wordt de scope beperkt tot zorglijnen met de grootste winst.",
    "10": "ROM-scores, diagnoses en behandelgegevens worden gestructureerd (eenheid van taal, zibs, SNOMED/DSM-codering) uit het ggz-EPD aangeleverd; cliëntportaal of app koppelen via Koppeltaal/FHIR en er is geen datadubbeling buiten het dossier.",
    "11": "Beslisregels en validatieresultaten worden gedeeld met andere ggz-aanbieders; de coalitie kiest voor open koppelvlakken en exporteerbare data om afhankelijkheid van één EPD- of softwareleverancier te voorkomen.",
    "12": "De aanvraag wordt gedaan door ten minste twee ggz-aanbieders, zodat validatie op een grotere populatie mogelijk is en implementatiekennis wordt gedeeld.",
    "13": "Behandelaars worden geschoold in het interpreteren van adviezen en signalen (AI- en datageletterdheid) en in samen beslissen met cliënten; een veranderkundige begeleidt de nieuwe overlegstructuur.",
    "14": "Afspraken met ketenpartners (huisarts/POH-ggz, mentaal schakelpunt) over terugrapportage worden vastgelegd; na de looptijd worden de structurele kosten gedekt via reguliere ggz-bekostiging en contractering."
  },
  "source": "Toepassing: 004 line 147-153 (digitale beslisondersteuning) en line 2827 (ggz); plausible_max_fte_per_mln 13.0: assumption: 004 geeft geen cijfer voor ggz-beslisondersteuning; 13.0 is overgenomen van het dichtstbijzijnde plan, 004 line 2245: TFP.000500 Passende IC-zorg met gesprekshulp 13 fte/EUR mln (AI-diagnostiek, gezamenlijke besluitvorming, line 2375); max_amount_per_provider €3 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2823: digitale en hybride zorg richtbedrag €275 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen voor ggz-instellingen, hoger dan EMDR omdat validatie en koppeling met het dossier meer kost; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2029: 004 line 2900: aangepast kasritme, middelen 'besteed in de jaren 2027, 2028 en 2029' (ook line 253: Zvw-middelen 2027 t/m 2029); dat dit plan 2029 benut in plaats van basiseis 4 (line 2632: 2027 en 2028) is een assumption: validatie van de beslisondersteuning vraagt een extra jaar; mijlpalen (M1 15% uiterlijk 2027-03-31, M2 25% uiterlijk 2027-12-31, M3 25% uiterlijk 2028-06-30, M4 15% uiterlijk 2028-09-30, M5 20% uiterlijk 2029-06-30): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories leeg: assumption: 004 sluit alleen de aanschaf van hulpmiddelen uit (line 2805 en 2809), wat bij deze toepassing niet speelt; structurele kosten vallen los daarvan buiten de middelen (line 625)."
}
"""#),
        ("digitale-emdr.json", #"""
{
  "id": "digitale-emdr",
  "code": "DHZ-EMDR",
  "version": "1.0.0",
  "title": "Digitale EMDR",
  "theme": "digitale-hybride-zorg",
  "sectors": [
    "ggz"
  ],
  "problem": "Traumagerelateerde klachten en PTSS worden in de ggz vaak behandeld met EMDR, waarbij de therapeut de bilaterale prikkel handmatig aanbiedt. Behandeltrajecten duren daardoor langer dan nodig en de wachtlijsten voor traumabehandeling zijn lang. Digitale EMDR biedt visuele en auditieve prikkels nauwkeuriger aan in een (virtuele) omgeving, ook via beeldbellen, waardoor behandelingen effectiever en gemiddeld korter worden.",
  "goal": "In de deelnemende ggz-instellingen en vrijgevestigde praktijken is digitale EMDR de standaardwerkwijze voor EMDR-behandelingen, zowel op locatie als op afstand, met een aantoonbaar lager gemiddeld aantal sessies per traject, kortere wachttijd voor traumabehandeling en vrijgekomen behandelaarscapaciteit.",
  "scope": "Binnen scope: inrichting van digitale EMDR-software (op locatie en via beeldbellen), scholing van EMDR-behandelaars, aanpassing van behandelprotocollen en roostering, koppeling met ggz-EPD en registratie van sessies en uitkomsten (ROM). Buiten scope: ontwikkeling van nieuwe EMDR-software, EMDR in de jeugdzorg (Jeugdwet), andere traumabehandelingen en structurele licentiekosten na de looptijd.",
  "milestones": [
    {
      "code": "M1",
      "title": "Implementatieplan en nulmeting EMDR-trajecten",
      "obligation": "inspanning",
      "share": 20,
      "latest": "2027-03-31",
      "evidence": "ondertekend implementatieplan, DPIA, nulmeting gemiddeld aantal EMDR-sessies per traject, wachttijd traumabehandeling en ROM-uitkomsten"
    },
    {
      "code": "M2",
      "title": "Software ingericht en behandelaars geschoold",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2027-09-30",
      "evidence": "testrapport software/beeldbelkoppeling en scholingsregistratie (>= 80% van EMDR-behandelaars geschoold)"
    },
    {
      "code": "M3",
      "title": "Digitale EMDR standaard bij 70% van nieuwe EMDR-trajecten",
      "obligation": "resultaat",
      "share": 30,
      "latest": "2028-06-30",
      "evidence": "registratierapport uit ggz-EPD met aandeel digitale EMDR-sessies en aangepast behandelprotocol"
    },
    {
      "code": "M4",
      "title": "Effectmeting en borging",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-12-31",
      "evidence": "meetrapport sessies per traject, ROM-uitkomst, wachttijd en fte-effect t.o.v. nulmeting; begroting met structurele licenties"
    }
  ],
  "kpis": [
    {
      "name": "Gemiddeld aantal EMDR-sessies per traject",
      "unit": "sessies t.o.v. nulmeting",
      "target": "-20%"
    },
    {
      "name": "Behandeluitkomst (ROM, bijv. PCL-5)",
      "unit": "% cliënten met klinisch relevante verbetering",
      "target": "gelijk of beter dan nulmeting"
    },
    {
      "name": "Wachttijd traumabehandeling",
      "unit": "weken t.o.v. nulmeting",
      "target": "-25%"
    },
    {
      "name": "Vrijgespeelde behandelaarscapaciteit",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 16,0 (ggz-norm); impactlat B vraagt onderbouwde afwijking"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "2500000.00",
    "spending_years": [
      2027,
      2028
    ],
    "plausible_max_fte_per_mln": "16.0"
  },
  "excluded_categories": [],
  "basiseisen": {
    "1": "Kortere EMDR-trajecten verhogen de productiviteit van behandelaars: met dezelfde capaciteit worden meer cliënten met traumaklachten geholpen; de coalitie meet sessies per traject en behandeluitkomst tegen de nulmeting.",
    "2": "De business case zet eenmalige kosten (inrichting, scholing) en structurele licentiekosten af tegen vermeden sessies; bij een reductie van enkele sessies per traject is de besparing aan behandelaarsuren ruim hoger dan de licentie per behandelaar.",
    "3": "Elke aanbieder benoemt een bestuurlijk opdrachtgever en een EMDR-supervisor als inhoudelijk eigenaar; het implementatieplan regelt de scholingsvolgorde per team, de beschikbaarheid van behandelkamers/headsets en het besluit over herinzet van vrijgekomen uren op de wachtlijst.",
    "4": "De middelen worden besteed in 2027 (inrichting, scholing) en 2028 (standaardisering en effectmeting); licentiekosten na 2028 worden niet uit doorbraakmiddelen betaald.",
    "5": "Digitale EMDR wordt opgenomen in het behandelprotocol traumabehandeling van de aanbieders en in de inwerkprogramma's voor nieuwe behandelaars; vrijgekomen capaciteit wordt structureel in de caseloadnormen verwerkt.",
    "6": "Scholing van alle EMDR-behandelaars en het aanpassen van protocollen en roosters kost tijdelijk productie die niet uit de reguliere zorgprestaties (zpm) te dragen is; de impuls versnelt de omslag van pilot naar standaard.",
    "7": "De software voldoet aan de MDR voor zover van toepassing, AVG en NEN 7510; beeldbellen verloopt via een beveiligde verbinding, en de behandeling volgt de multidisciplinaire richtlijn angst/PTSS en de EMDR-protocollen van de beroepsvereniging.",
    "8": "De impuls dekt alleen eenmalige implementatie; licenties worden na afloop uit de reguliere exploitatie en zpm-bekostiging gedekt, waarbij de kortere trajecten de kosten terugverdienen.",
    "9": "Structurele licentiekosten per behandelaar per jaar worden begroot en afgezet tegen de bespaarde sessies; de aanvraag toont dat de besparing minstens zo hoog is.",
    "10": "Sessies en ROM-uitkomsten worden gestructureerd in het ggz-EPD vastgelegd; waar de software thuisoefeningen aanbiedt, verloopt dit via Koppeltaal of een koppeling met het bestaande e-healthplatform zodat geen losse gegevensopslag ontstaat.",
    "11": "Gekozen wordt op functionaliteit; protocollen zijn softwareonafhankelijk, licenties zijn opzegbaar en sessiegegevens exporteerbaar, en scholingsmateriaal en resultaten worden om niet gedeeld met andere ggz-aanbieders.",
    "12": "De aanvraag wordt gedaan door ten minste twee ggz-aanbieders (instellingen en/of samenwerkende vrijgevestigde praktijken), die scholing en meetmethode delen.",
    "13": "Behandelaars volgen een training in digitale EMDR (op locatie en op afstand) en krijgen supervisie in de eerste trajecten; cliënten worden voorbereid op de digitale werkvorm.",
    "14": "Waar cliënten via het mentaal schakelpunt of de huisarts/POH-ggz instromen, worden afspraken gemaakt over snelle toeleiding; de werkwijze wordt na de looptijd bekostigd via de reguliere zorgprestaties in de ggz en de contractering."
  },
  "source": "Toepassing: 004 line 139-145 (digitale EMDR, kortere behandeltrajecten) en line 2827 (ggz); plausible_max_fte_per_mln 16.0: assumption: 004 geeft geen cijfer voor digitale EMDR (digitale exposure therapie staat zonder getal in de SiRM-selectie, line 2391); 16.0 is overgenomen van het enige ggz-behandelcijfer, 004 line 1355: groepsbehandelingen in de ggz ~16 fte per EUR mln, een ander werkingsmechanisme; max_amount_per_provider €2,5 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2823: digitale en hybride zorg richtbedrag €275 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen voor ggz-instellingen met een beperkte eenmalige investering; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2028: 004 line 2632: basiseis 4, 'De middelen worden besteed in 2027 en 2028'; mijlpalen (M1 20% uiterlijk 2027-03-31, M2 25% uiterlijk 2027-09-30, M3 30% uiterlijk 2028-06-30, M4 25% uiterlijk 2028-12-31): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories leeg: assumption: 004 sluit alleen de aanschaf van hulpmiddelen uit (line 2805 en 2809), wat bij deze toepassing niet speelt; structurele kosten vallen los daarvan buiten de middelen (line 625)."
}
"""#),
        ("digitale-training-screening-wijkverpleging.json", #"""
{
  "id": "digitale-training-screening-wijkverpleging",
  "code": "DHZ-WVP",
  "version": "1.0.0",
  "title": "Digitale trainings- en screeningsondersteuning wijkverpleging",
  "theme": "digitale-hybride-zorg",
  "sectors": [
    "vvt"
  ],
  "problem": "Wijkverpleegkundigen indiceren zorg vaak zonder gestructureerde screening van zelfredzaamheid en risico's, waardoor cliënten langer en meer zorg krijgen dan nodig en kansen op herstel van zelfstandigheid worden gemist. Tegelijk is scholing van wijkteams in indiceren en in het trainen van cliënten versnipperd. Digitale screeningsinstrumenten en gepersonaliseerde trainingsschema's voor cliënten, gecombineerd met e-learning voor professionals, kunnen de zorgvraag in de wijkverpleging verlagen.",
  "goal": "Wijkverpleegteams van de deelnemende organisaties screenen nieuwe cliënten en herindicaties met een digitaal, gevalideerd screeningsinstrument, zetten waar passend een digitaal gepersonaliseerd trainingsprogramma in om zelfredzaamheid te vergroten, en zijn via e-learning geschoold in doelgericht indiceren, met minder zorguren per cliënt en een hoger aandeel cliënten dat binnen afzienbare tijd (gedeeltelijk) zelfstandig wordt.",
  "scope": "Binnen scope: digitale screening (zelfredzaamheid, valrisico, ondervoeding e.d.) gekoppeld aan het ECD, digitale trainingsschema's voor cliënten (bijv. ADL- en bewegingstraining, video-oefeningen), e-learning en intervisie voor wijkverpleegkundigen over indicatiestelling, monitoring van voortgang. Buiten scope: Wlz- en Wmo-zorg (wel afstemming met gemeente), hulpmiddelen, aanmeldportalen en transferfunctionaliteit.",
  "milestones": [
    {
      "code": "M1",
      "title": "Implementatieplan en nulmeting zorguren",
      "obligation": "inspanning",
      "share": 20,
      "latest": "2027-03-31",
      "evidence": "ondertekend implementatieplan, nulmeting zorguren per cliënt per week, zorgduur en aandeel cliënten met afschaling van zorg"
    },
    {
      "code": "M2",
      "title": "Screeningsinstrument in ECD en e-learning beschikbaar",
      "obligation": "resultaat",
      "share": 20,
      "latest": "2027-09-30",
      "evidence": "testrapport ECD-koppeling screeningsinstrument, e-learning gepubliceerd, scholingsregistratie eerste teams"
    },
    {
      "code": "M3",
      "title": "Screening bij 80% van nieuwe cliënten en trainingsprogramma's gestart",
      "obligation": "resultaat",
      "share": 30,
      "latest": "2028-06-30",
      "evidence": "rapportage ECD: aandeel gescreende cliënten, aantal cliënten in trainingsprogramma, scholingsgraad wijkverpleegkundigen"
    },
    {
      "code": "M4",
      "title": "Effectmeting en borging",
      "obligation": "resultaat",
      "share": 30,
      "latest": "2028-12-31",
      "evidence": "meetrapport zorguren per cliënt, zorgduur, zelfredzaamheidsscores en fte-effect t.o.v. nulmeting; vastgestelde werkwijze indicatiestelling"
    }
  ],
  "kpis": [
    {
      "name": "Zorguren per cliënt per week",
      "unit": "uren t.o.v. nulmeting",
      "target": "-15%"
    },
    {
      "name": "Cliënten met afgeschaalde of beëindigde zorg na training",
      "unit": "% binnen 12 weken",
      "target": ">= 30%"
    },
    {
      "name": "Gescreende nieuwe cliënten",
      "unit": "% van instroom",
      "target": ">= 80%"
    },
    {
      "name": "Vrijgespeelde wijkverpleegkundige capaciteit",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 17,0 (impactlat B), norm tot 25,0"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "3000000.00",
    "spending_years": [
      2027,
      2028
    ],
    "plausible_max_fte_per_mln": "25.0"
  },
  "excluded_categories": [],
  "basiseisen": {
    "1": "De toepassing verlaagt de zorgvraag: gestructureerde screening leidt tot doelgerichtere indicaties en training vergroot zelfstandigheid, waardoor zorguren per cliënt afnemen; de coalitie meet zorguren en zorgduur tegen de nulmeting.",
    "2": "Eenmalige kosten (inrichting, e-learning, ECD-koppeling) en structurele licentiekosten worden afgezet tegen minder zorguren in de wijkverpleging; omdat elke afgeschaalde cliënt wekelijks uren bespaart, is de structurele besparing hoger dan de kosten.",
    "3": "Elke organisatie benoemt een bestuurlijk opdrachtgever, een projectleider en per wijkteam een aandachtsvelder; de implementatie wordt teamgewijs gepland met tijd voor scholing en intervisie.",
    "4": "De middelen worden besteed in 2027 (inrichting, e-learning, eerste teams) en 2028 (uitrol, effectmeting); kosten na 2028 vallen buiten de doorbraakmiddelen.",
    "5": "Screening en trainingsaanbod worden vastgelegd in de werkwijze indicatiestelling (conform het Normenkader Indicatiestelling V&VN) en in het inwerkprogramma; voortgangsmonitoring wordt onderdeel van de reguliere evaluatie van het zorgplan.",
    "6": "Wijkverpleegorganisaties hebben geen ruimte in de reguliere tarieven om alle teams tegelijk te scholen en instrumenten in het ECD te integreren; zonder impuls blijft het bij losse initiatieven in enkele teams.",
    "7": "Indicatiestelling blijft bij de wijkverpleegkundige conform de Zvw en het normenkader; gegevensverwerking voldoet aan AVG en NEN 7510, en afstemming met de gemeente over Wmo-ondersteuning gebeurt met toestemming van de cliënt.",
    "8": "De impuls dekt eenmalige inrichting en scholing; licenties en onderhoud van e-learning worden na afloop gedekt uit de reguliere wijkverpleegkundige bekostiging, terugverdiend door minder zorguren.",
    "9": "Structurele licentiekosten (screening, trainingsapp, e-learning) worden per cliënt/per medewerker begroot en afgezet tegen bespaarde zorguren; de aanvraag toont dat de besparing minstens zo hoog is.",
    "10": "Screeningsuitkomsten worden gestructureerd (zibs, Omaha System/eenheid van taal) in het ECD vastgelegd, zodat ze in het zorgplan en bij overdracht (bijv. naar huisarts of ziekenhuis via Twiin/LDN) bruikbaar zijn; trainingsapps koppelen via open standaarden.",
    "11": "Instrumenten worden gekozen op validiteit en open standaarden; e-learningmateriaal wordt om niet beschikbaar gesteld aan andere wijkverpleegorganisaties en data zijn exporteerbaar om lock-in te voorkomen.",
    "12": "De aanvraag wordt gedaan door ten minste twee wijkverpleegorganisaties, bij voorkeur in dezelfde regio zodat scholing en instrumentkeuze worden gedeeld.",
    "13": "Wijkverpleegkundigen en verzorgenden volgen e-learning over screening, doelgericht indiceren en het coachen van cliënten naar zelfstandigheid; intervisie en een veranderkundige begeleiden de omslag van 'zorgen voor' naar 'zorgen dat'.",
    "14": "Afspraken met huisartsen, gemeenten (Wmo) en fysiotherapie over aanvullende ondersteuning worden vastgelegd; de werkwijze wordt na de looptijd via de reguliere wijkverpleegkundige bekostiging en contractering gedekt."
  },
  "source": "Toepassing: 004 line 163-169 (trainingsschema's en screening verminderen de vraag naar thuiszorg) en line 2829 (vvt, wijkverpleging); plausible_max_fte_per_mln 25.0: assumption: 004 geeft geen cijfer (TFP.000534 Aanmeldportaal wijkverpleging zonder impactgetal, line 2233; Reablement, vergelijkbaar mechanisme, zonder getal, line 1531); 25.0 gekozen als plafond tussen impactlat B 17 (line 395) en A 35 (line 394); max_amount_per_provider €3 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2823: digitale en hybride zorg richtbedrag €275 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen voor vvt-organisaties met wijkverpleging, die scholing en screening breed uitrollen; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2028: 004 line 2632: basiseis 4, 'De middelen worden besteed in 2027 en 2028'; mijlpalen (M1 20% uiterlijk 2027-03-31, M2 20% uiterlijk 2027-09-30, M3 30% uiterlijk 2028-06-30, M4 30% uiterlijk 2028-12-31): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories leeg: assumption: 004 sluit alleen de aanschaf van hulpmiddelen uit (line 2805 en 2809), wat bij deze toepassing niet speelt; structurele kosten vallen los daarvan buiten de middelen (line 625)."
}
"""#),
        ("digitale-triage.json", #"""
{
  "id": "digitale-triage",
  "code": "DHZ-TRI",
  "version": "1.0.0",
  "title": "Digitale triage huisartsenzorg",
  "theme": "digitale-hybride-zorg",
  "sectors": [
    "huisartsenzorg"
  ],
  "problem": "Huisartsenposten en -praktijken krijgen veel telefonische hulpvragen, waarvan een groot deel met een zelfzorgadvies of een afspraak bij de eigen huisarts de volgende dag kan worden afgehandeld. Triagisten en doktersassistenten zijn schaars en telefonische wachttijden lopen op, vooral in avond, nacht en weekend. Digitale (zelf)triage laat patiënten vooraf beoordelen of en wanneer contact nodig is en verwijst naar zelfzorg (Thuisarts.nl), de eigen huisarts of de huisartsenpost.",
  "goal": "In de regio's van de deelnemende huisartsenposten en huisartsenorganisaties is digitale triage de standaardingang voor niet-spoedeisende hulpvragen, met een aantoonbaar lager telefoonvolume per 1.000 inwoners, meer afhandeling via zelfzorg of de eigen huisarts en vrijgekomen triagist- en assistentcapaciteit.",
  "scope": "Binnen scope: implementatie van een gevalideerde digitale zelftriagetool gebaseerd op de Nederlandse Triage Standaard/NHG-Triagewijzer, koppeling met het HIS/HAP-systeem en belplanning, overdracht van triage-uitkomst naar triagist en huisarts, publiekscampagne in de regio, scholing van triagisten en assistenten. Buiten scope: ambulancezorg/112, volledige digitale voordeur met gegevensuitwisseling buiten triage, en structurele licentiekosten na de looptijd.",
  "milestones": [
    {
      "code": "M1",
      "title": "Implementatieplan en nulmeting telefoonverkeer",
      "obligation": "inspanning",
      "share": 20,
      "latest": "2027-03-31",
      "evidence": "ondertekend implementatieplan, DPIA, nulmeting telefonische contacten per 1.000 inwoners, wachttijd telefoon en triagetijd per contact"
    },
    {
      "code": "M2",
      "title": "Triagetool live en gekoppeld aan HAP/HIS",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2027-09-30",
      "evidence": "testrapport koppeling met HAP-systeem en HIS (overdracht triage-uitkomst), veiligheidsprotocol en evaluatie eerste 3 maanden"
    },
    {
      "code": "M3",
      "title": "Regionale publiekscampagne en aansluiting alle praktijken",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-03-31",
      "evidence": "campagnerapportage en lijst aangesloten praktijken (>= 80% van de regio), maandrapportage digitale triages"
    },
    {
      "code": "M4",
      "title": "Effectmeting en herinrichting bezetting",
      "obligation": "resultaat",
      "share": 30,
      "latest": "2028-12-31",
      "evidence": "meetrapport telefoonvolume, afhandeling via zelfzorg, veiligheid (gemiste urgenties) en fte-effect; vastgesteld bezettingsplan triagisten"
    }
  ],
  "kpis": [
    {
      "name": "Telefonische contacten HAP/praktijk",
      "unit": "per 1.000 inwoners t.o.v. nulmeting",
      "target": "-20%"
    },
    {
      "name": "Digitale triages afgehandeld met zelfzorgadvies of eigen huisarts",
      "unit": "% van digitale triages",
      "target": ">= 40%"
    },
    {
      "name": "Veiligheid: ondertriage",
      "unit": "% gemiste urgente situaties bij steekproef",
      "target": "niet hoger dan telefonische triage"
    },
    {
      "name": "Vrijgespeelde triagist-/assistentcapaciteit",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 17,0 (impactlat B), norm tot 20,0"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "2500000.00",
    "spending_years": [
      2027,
      2028
    ],
    "plausible_max_fte_per_mln": "20.0"
  },
  "excluded_categories": [],
  "basiseisen": {
    "1": "Digitale triage verlaagt het telefoonverkeer en verschuift zorgvraag naar zelfzorg en de eigen huisarts, en bespaart consultvoorbereiding; de coalitie meet telefoonvolume en triagetijd per 1.000 inwoners tegen de nulmeting.",
    "2": "Licentie- en implementatiekosten worden afgezet tegen vermeden telefonische triages en consulten op de huisartsenpost; de structurele kosten per inwoner zijn laag ten opzichte van de bespaarde triagist- en huisartsentijd.",
    "3": "De huisartsenpost en de regionale huisartsenorganisatie vormen samen de projectorganisatie met een medisch manager als inhoudelijk eigenaar; het implementatieplan regelt aansluiting van praktijken, het veiligheidsprotocol en de aanpassing van de belbezetting.",
    "4": "De middelen worden besteed in 2027 (implementatie, koppeling) en 2028 (publiekscampagne, aansluiting, effectmeting); licenties na 2028 komen niet ten laste van de doorbraakmiddelen.",
    "5": "Digitale triage wordt de vaste eerste ingang op website en telefoonmenu van HAP en praktijken; de bezettingsnormen voor triagisten worden blijvend aangepast aan het lagere belvolume.",
    "6": "Implementatie, veiligheidsvalidatie en een regionale publiekscampagne vragen een eenmalige investering die huisartsenposten en praktijken niet uit de reguliere ANW- en praktijkbekostiging kunnen dragen.",
    "7": "De tool is als medisch hulpmiddel CE-gemarkeerd onder de MDR, volgt de Nederlandse Triage Standaard/NHG-Triagewijzer, voldoet aan AVG en NEN 7510 en verwijst naar Thuisarts.nl; verantwoordelijkheid voor triage blijft bij de huisarts.",
    "8": "De impuls dekt de eenmalige implementatie; licentie en beheer worden na afloop via de reguliere bekostiging van huisartsenposten en praktijken en de regionale contractering gedekt.",
    "9": "Structurele licentiekosten per inwoner per jaar worden begroot en afgezet tegen bespaarde triagist- en huisartsenuren; de aanvraag toont dat de besparing minstens zo hoog is.",
    "10": "De triage-uitkomst wordt gestructureerd overgedragen aan het HAP-systeem en het HIS van de eigen huisarts (waarneembericht), in lijn met de landelijke standaarden en het Landelijk Dekkend Netwerk, zodat de patiënt zijn verhaal niet opnieuw hoeft te doen.",
    "11": "De coalitie kiest een tool met open koppelvlakken naar meerdere HIS-leveranciers en legt exitafspraken vast; triage-inhoud is gebaseerd op landelijke standaarden en niet eigendom van de leverancier.",
    "12": "De aanvraag wordt gedaan door ten minste twee partijen: de huisartsenpost en de regionale huisartsenorganisatie(s), zodat dag- en ANW-zorg dezelfde ingang hebben.",
    "13": "Triagisten en assistenten worden geschoold in het werken met digitale triage-uitkomsten en het bewaken van veiligheid; de publiekscampagne begeleidt inwoners, met aandacht voor laaggeletterden en ouderen.",
    "14": "Afspraken met ambulancezorg, SEH en de eigen huisartsen over doorverwijzing en terugkoppeling worden vastgelegd; na de looptijd wordt de tool gedekt via de reguliere bekostiging huisartsenzorg."
  },
  "source": "Toepassing: 004 line 155-161 (minder telefoonverkeer, taakdifferentiatie, zelfzorg) en line 2828 (huisartsenzorg); plausible_max_fte_per_mln 20.0: assumption: 004 geeft voor triage- en transfertools geen themacijfer in de tekst ('relatief lage impact op personeelstekort', line 942); 20.0 is overgenomen van het hoogst scorende schaalbare triageplan, 004 line 2231: TFP.000356 VPO-ONHe 20 fte/EUR mln (Regioplatform NHN 10, line 2247); max_amount_per_provider €2,5 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2823: digitale en hybride zorg richtbedrag €275 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen voor huisartsenorganisaties en huisartsenposten met een beperkte eenmalige investering; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2028: 004 line 2632: basiseis 4, 'De middelen worden besteed in 2027 en 2028'; mijlpalen (M1 20% uiterlijk 2027-03-31, M2 25% uiterlijk 2027-09-30, M3 25% uiterlijk 2028-03-31, M4 30% uiterlijk 2028-12-31): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories leeg: assumption: 004 sluit alleen de aanschaf van hulpmiddelen uit (line 2805 en 2809), wat bij deze toepassing niet speelt; structurele kosten vallen los daarvan buiten de middelen (line 625)."
}
"""#),
        ("mentaal-schakelpunt.json", #"""
{
  "id": "mentaal-schakelpunt",
  "code": "AI-MSP",
  "version": "1.0.0",
  "title": "Mentaal Schakelpunt (MSP)",
  "theme": "ai",
  "sectors": [
    "ggz",
    "huisartsenzorg"
  ],
  "problem": "Hulpvragen over mentale gezondheid komen vaak via de huisarts of POH-ggz binnen en worden daarna doorverwezen naar de ggz, waar ze op lange wachtlijsten belanden of na intake blijken niet op de juiste plek te zijn. Dubbele intakes, onnodige verwijzingen en terugverwijzingen kosten schaarse behandelaars- en huisartsentijd, terwijl een deel van de vragen beter in het sociaal domein of de basis-ggz past.",
  "goal": "In elke deelnemende regio werkt een Mentaal Schakelpunt waarin huisartsen, ggz-aanbieders en het sociaal domein hulpvragen gezamenlijk en met digitale ondersteuning (gestructureerde aanmelding, capaciteitsoverzicht en matching) binnen korte termijn naar de passende plek leiden, met minder dubbele intakes en onnodige verwijzingen naar de gespecialiseerde ggz.",
  "scope": "Binnen scope: inrichting van het regionale schakelpunt (consultatie, gezamenlijke triage/ronde tafel), digitale aanmeld- en matchingfunctionaliteit met actueel overzicht van beschikbare capaciteit, gegevensuitwisseling tussen HIS en ggz-EPD, scholing van POH-ggz, huisartsen en triagisten, en regionale afspraken over verwijzing. Buiten scope: behandeling zelf, bekostiging van sociaal-domeinactiviteiten (Wmo, via de SPUK/gemeenten) en structurele exploitatie na de looptijd.",
  "milestones": [
    {
      "code": "M1",
      "title": "Regionale samenwerkingsovereenkomst en nulmeting",
      "obligation": "inspanning",
      "share": 20,
      "latest": "2027-06-30",
      "evidence": "door huisartsenorganisatie(s), ggz-aanbieders en gemeente(n) ondertekende samenwerkingsovereenkomst en governance, nulmeting verwijsstromen, wachttijden en intakes"
    },
    {
      "code": "M2",
      "title": "Schakelpunt operationeel met digitale aanmelding en capaciteitsoverzicht",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2027-12-31",
      "evidence": "werkprocesbeschrijving, testrapport koppeling HIS-schakelpunt-ggz-EPD, eerste maandrapportage aanmeldingen"
    },
    {
      "code": "M3",
      "title": "Alle huisartsenpraktijken in de regio aangesloten",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-09-30",
      "evidence": "lijst aangesloten praktijken (>= 80% van de regio) en maandrapportage verwijzingen via het schakelpunt"
    },
    {
      "code": "M4",
      "title": "Effectmeting en borging in regionale contractering",
      "obligation": "resultaat",
      "share": 30,
      "latest": "2029-06-30",
      "evidence": "meetrapport dubbele intakes, onnodige verwijzingen, doorlooptijd en fte-effect t.o.v. nulmeting; afspraak met zorgverzekeraar en gemeenten over structurele bekostiging"
    }
  ],
  "kpis": [
    {
      "name": "Hulpvragen via schakelpunt binnen 10 werkdagen op passende plek",
      "unit": "% van aanmeldingen",
      "target": ">= 80%"
    },
    {
      "name": "Onnodige verwijzingen naar gespecialiseerde ggz",
      "unit": "% t.o.v. nulmeting",
      "target": "-25%"
    },
    {
      "name": "Dubbele intakes",
      "unit": "aantal per 1.000 aanmeldingen",
      "target": "-50% t.o.v. nulmeting"
    },
    {
      "name": "Vrijgespeelde behandelaars- en huisartsencapaciteit",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 17,0 (impactlat B)"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "2500000.00",
    "spending_years": [
      2027,
      2028,
      2029
    ],
    "plausible_max_fte_per_mln": "20.0"
  },
  "excluded_categories": [],
  "basiseisen": {
    "1": "Het schakelpunt verlaagt de zorgvraag in de gespecialiseerde ggz en huisartsenzorg doordat hulpvragen direct op de juiste plek komen; vrijgespeelde intake- en behandeltijd en minder consulten bij de huisarts worden gemeten tegen een nulmeting van verwijsstromen.",
    "2": "De business case zet eenmalige kosten (inrichting, digitale koppelingen, scholing) en structurele kosten (coördinatie, licentie matchingtool) af tegen vermeden intakes, verwijzingen en herhaalconsulten; de besparing aan behandelaarstijd is structureel hoger dan de coördinatiekosten.",
    "3": "Een regionale stuurgroep van huisartsenorganisatie, ggz-aanbieders en gemeenten is eigenaar; het implementatieplan bevat per partij de inzet van triagisten/POH-ggz, de aansluitvolgorde van praktijken en een escalatieroute bij capaciteitsproblemen.",
    "4": "De middelen worden grotendeels in 2027 en 2028 besteed (inrichting, aansluiting, scholing); effectmeting en borging (M4) lopen tot medio 2029 binnen het kasritme 2027-2029, omdat wachttijd- en verwijseffecten pas na een jaar volledige werking zichtbaar zijn.",
    "5": "Verwijsafspraken worden opgenomen in de regionale ggz-zorgafspraken (regioplan ggz) en in de contractering met zorgverzekeraars; het schakelpunt wordt een vaste voordeur voor mentale hulpvragen in de regio.",
    "6": "Regionale schakelpunten komen niet van de grond omdat geen enkele partij alleen de inrichtingskosten en de koppelingen tussen HIS, ggz-EPD en sociaal domein kan dragen terwijl de baten over meerdere partijen vallen; de doorbraakmiddelen overbruggen dat.",
    "7": "Gegevensuitwisseling gebeurt met toestemming van de cliënt conform AVG en Wabvpz, via het Landelijk Dekkend Netwerk/Twiin waar beschikbaar; samenwerking met het sociaal domein blijft binnen de Wmo 2015 en de Zvw-bekostiging is strikt gescheiden van gemeentelijke financiering; mededingingsregels worden bij capaciteitsafspraken gerespecteerd.",
    "8": "De eenmalige impuls dekt inrichting en opschaling; de structurele coördinatiefunctie wordt na afloop gedekt via regionale contractering door zorgverzekeraars (Zvw-deel) en gemeenten (sociaal-domeindeel).",
    "9": "De structurele kosten (coördinatie, matchingtool, consultatie) worden per jaar begroot; de aanvraag toont dat de vermeden intakes en consulten minstens zoveel besparen, anders wordt de coördinatie-inzet herschikt.",
    "10": "Een gestructureerde verwijs- en aanmeldset (in lijn met eenheid van taal en de ggz-standaarden) wordt tussen HIS, schakelpunt en ggz-EPD uitgewisseld; capaciteitsgegevens van aanbieders worden actueel gehouden, met afspraken over datakwaliteit en verantwoordelijkheid per partij.",
    "11": "Het schakelpunt matcht op passendheid en beschikbare capaciteit, niet op voorkeur voor een aanbieder; alle gecontracteerde ggz-aanbieders in de regio kunnen aansluiten onder gelijke voorwaarden en keuzevrijheid van de cliënt blijft gewaarborgd.",
    "12": "De aanvraag wordt gezamenlijk gedaan door ten minste één huisartsenorganisatie en één ggz-aanbieder uit dezelfde regio, met betrokkenheid van gemeenten voor het sociaal-domeindeel.",
    "13": "Huisartsen, POH-ggz en triagisten volgen scholing in gezamenlijke triage en het gebruik van de matchingtool; een veranderkundige begeleidt de regionale werkafspraken en intervisie.",
    "14": "Ketenafspraken tussen huisartsenzorg, ggz en sociaal domein worden vastgelegd in een samenwerkingsovereenkomst; passende bekostiging na de looptijd wordt geregeld via Zvw-contractering en gemeentelijke inkoop, zonder dubbele financiering met de SPUK-middelen."
  },
  "source": "Toepassing: 004 line 116-122 (regionale samenwerking huisarts, sociaal domein en ggz) en line 2821 (onderdeel van capaciteitsplanning voor ggz en huisartsenzorg); plausible_max_fte_per_mln 20.0: assumption: 004 geeft geen cijfer voor het MSP; het werkmechanisme is triage en transfer (thema 'relatief lage impact', line 942), en 20.0 is overgenomen van 004 line 2231: TFP.000356 VPO-ONHe, triage- en transfertools, 20 fte/EUR mln; de logistieke AI-norm van 6 (line 1114) is niet gebruikt omdat die op OK-/opnameplanning in ziekenhuizen rust (line 2359-2360); max_amount_per_provider €2,5 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2817: AI richtbedrag €275 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen als regionale samenwerking van huisartsen en ggz-aanbieders met beperkte investering per aanbieder; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2029: 004 line 2900: aangepast kasritme, middelen 'besteed in de jaren 2027, 2028 en 2029' (ook line 253: Zvw-middelen 2027 t/m 2029); dat dit plan 2029 benut in plaats van basiseis 4 (line 2632: 2027 en 2028) is een assumption: de SPUK voor het sociaal domein, waarmee het MSP samenwerkt, loopt ook 2027-2029 (line 240); mijlpalen (M1 20% uiterlijk 2027-06-30, M2 25% uiterlijk 2027-12-31, M3 25% uiterlijk 2028-09-30, M4 30% uiterlijk 2029-06-30): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories leeg: assumption: 004 sluit alleen de aanschaf van hulpmiddelen uit (line 2805 en 2809), wat bij deze toepassing niet speelt; structurele kosten vallen los daarvan buiten de middelen (line 625)."
}
"""#),
        ("slim-incontinentiemateriaal.json", #"""
{
  "id": "slim-incontinentiemateriaal",
  "code": "MT-INC",
  "version": "1.0.0",
  "title": "Slim incontinentiemateriaal",
  "theme": "medische-technologie",
  "sectors": [
    "vvt",
    "msz"
  ],
  "problem": "Bij cliënten in de wijkverpleging en patiënten op ziekenhuisafdelingen met incontinentie wordt op vaste tijden gecontroleerd en verschoond, ongeacht of dat nodig is. Dat kost veel verpleegkundige en verzorgende tijd, verstoort nachtrust en leidt bij te late verschoning tot huidletsel (vochtletsel, decubitus). Slim incontinentiemateriaal met sensor en draadloze clip meldt wanneer verschoning nodig is, maar wordt nog nauwelijks in zorgprocessen ingebed.",
  "goal": "Verschoning gebeurt bij de deelnemende wijkverpleegteams en ziekenhuisafdelingen op basis van sensorsignalen in plaats van vaste rondes, met aantoonbaar minder controle- en verschoonmomenten per cliënt per etmaal, minder vochtletsel en een herinrichting van routes en diensten die de vrijgekomen tijd benut.",
  "scope": "Binnen scope: selectie van doelgroep (Zvw-wijkverpleging en klinische msz-patiënten met incontinentie), koppeling van het signaal met de planning/alarmering en het ECD/EPD, herontwerp van verschoonprotocol, nacht- en routeplanning, scholing en kennisnetwerk. Buiten scope: aanschaf van het incontinentiemateriaal en de sensoren zelf (hulpmiddelenzorg, Wmg-uitsluiting), Wlz-zorg in verpleeghuizen en structurele verbruikskosten.",
  "milestones": [
    {
      "code": "M1",
      "title": "Implementatieplan, doelgroepselectie en nulmeting verschoonmomenten",
      "obligation": "inspanning",
      "share": 20,
      "latest": "2027-06-30",
      "evidence": "ondertekend implementatieplan, inclusiecriteria doelgroep, nulmeting aantal controle-/verschoonmomenten en tijd per cliënt per etmaal"
    },
    {
      "code": "M2",
      "title": "Koppeling signaal met alarmering/planning en nieuw verschoonprotocol",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2027-12-31",
      "evidence": "testrapport koppeling met alarmerings- of planningssysteem en ECD/EPD, vastgesteld verschoonprotocol"
    },
    {
      "code": "M3",
      "title": "Werkwijze bij alle beoogde teams/afdelingen",
      "obligation": "resultaat",
      "share": 30,
      "latest": "2028-06-30",
      "evidence": "gebruiksrapportage (aantal cliënten met sensor, aandeel verschoningen op signaal), scholingsregistratie"
    },
    {
      "code": "M4",
      "title": "Effectmeting en aangepaste route-/dienstplanning",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-12-31",
      "evidence": "meetrapport verschoonmomenten, zorgtijd, vochtletsel en fte-effect t.o.v. nulmeting na 6 maanden; vastgestelde nieuwe route- of dienstplanning"
    }
  ],
  "kpis": [
    {
      "name": "Controle- en verschoonmomenten per cliënt per etmaal",
      "unit": "% t.o.v. nulmeting",
      "target": "-30%"
    },
    {
      "name": "Incidentie vochtletsel/decubitus bij doelgroep",
      "unit": "% cliënten",
      "target": "daling t.o.v. nulmeting"
    },
    {
      "name": "Vrijgespeelde zorgtijd",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 17,0 (impactlat B)"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "3000000.00",
    "spending_years": [
      2027,
      2028
    ],
    "plausible_max_fte_per_mln": "25.0"
  },
  "excluded_categories": [
    "hulpmiddel-aanschaf"
  ],
  "basiseisen": {
    "1": "De toepassing verhoogt de productiviteit doordat onnodige controle- en verschoonmomenten vervallen en routes efficiënter worden; de coalitie meet het aantal verschoonmomenten en de zorgtijd per cliënt voor en na invoering.",
    "2": "De business case zet de eenmalige implementatiekosten en de structurele meerkosten van het slimme materiaal (via de hulpmiddelenvergoeding) af tegen bespaarde zorguren en minder behandeling van huidletsel; de structurele personeelsbesparing moet hoger zijn dan de meerkosten van het materiaal.",
    "3": "Per aanbieder zijn een bestuurlijk opdrachtgever, een projectleider en per team een aandachtsvelder continentie benoemd; het implementatieplan regelt levering van het materiaal via de reguliere hulpmiddelenroute, de uitrolvolgorde en de herinrichting van rondes.",
    "4": "De middelen worden besteed in 2027 (voorbereiding, koppeling, protocol) en 2028 (uitrol, effectmeting); uitgaven na 2028 komen niet ten laste van de doorbraakmiddelen.",
    "5": "Het verschoonprotocol op signaal en de aangepaste nacht- en routeplanning worden vastgesteld als standaardwerkwijze; indicatie en evaluatie van het materiaal worden opgenomen in het zorgplan van de cliënt.",
    "6": "De procesomslag (koppeling, protocol, scholing, tijdelijke dubbele rondes) kan niet uit de reguliere tarieven worden betaald; zonder impuls blijft het materiaal, als het al wordt gebruikt, los van de werkprocessen en levert het geen tijdwinst op.",
    "7": "De aanschaf van het hulpmiddel valt buiten de Wmg (art. 3 lid 1 onder d Bub Wmg) en wordt niet uit doorbraakmiddelen bekostigd; het materiaal is CE-gemarkeerd onder de MDR, gegevens worden verwerkt conform AVG en NEN 7510, en alleen Zvw-zorg (wijkverpleging, msz) valt binnen scope.",
    "8": "De impuls dekt alleen eenmalige implementatie; het materiaal wordt na afloop via de reguliere hulpmiddelenvergoeding of het budget van de instelling betaald, en de werkwijze via de reguliere wijkverpleging- en ziekenhuiscontractering.",
    "9": "Slim incontinentiemateriaal is duurder per stuk dan gewoon materiaal en de sensoren kennen abonnements-/beheerkosten; de aanvraag kwantificeert deze structurele meerkosten per cliënt per jaar en toont dat de bespaarde zorgtijd minstens zo hoog is, zo nodig door de doelgroep te beperken tot cliënten met hoge verschoonfrequentie.",
    "10": "Het sensorsignaal wordt gekoppeld aan het bestaande alarmerings- of planningssysteem zodat zorgverleners geen extra app hoeven te bewaken; metingen worden waar zinvol gestructureerd in het ECD/EPD vastgelegd en de leverancier biedt open interfaces.",
    "11": "De coalitie kiest op functionaliteit en open koppelvlakken, voorkomt binding aan één materiaalfabrikant (sensoren en clips uitwisselbaar of exportbare data) en deelt protocollen en meetresultaten om niet via het kennisnetwerk.",
    "12": "De aanvraag wordt gedaan door ten minste twee samenwerkende aanbieders (wijkverpleegorganisaties en/of ziekenhuizen), die één kennisnetwerk en gezamenlijke meetmethode delen.",
    "13": "Verpleegkundigen en verzorgenden worden geschoold in indicatie, interpretatie van signalen en huidzorg; aandachtsvelders begeleiden het loslaten van vaste rondes, wat een duidelijke gedragsverandering vraagt.",
    "14": "Afspraken met hulpmiddelenleveranciers en zorgverzekeraar over levering en vergoeding van het materiaal, en met ketenpartners bij transfer ziekenhuis-thuis, worden vastgelegd; de werkwijze wordt structureel bekostigd via reguliere tarieven."
  },
  "source": "Toepassing: 004 line 182-188 en line 2833; slim incontinentiemateriaal staat in de SiRM-selectie technologische hulpmiddelen (line 2416); plausible_max_fte_per_mln 25.0: assumption: 004 noemt technologische hulpmiddelen 'relatief hoge impact op de personeel, maar ook hoge structurele kosten' (line 1296) maar het cijfer uit de grafiek ontbreekt in de tekst (line 1327 alleen de kop); slim incontinentiemateriaal wordt als voorbeeld genoemd zonder eigen cijfer; 25.0 gekozen als plafond tussen impactlat B 17 (line 395) en A 35 (line 394), passend bij 'relatief hoge impact'; max_amount_per_provider €3 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2831: medische technologie richtbedrag €50 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen zodat het richtbedrag van €50 mln voor drie toepassingen over meerdere coalities verdeeld kan worden; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2028: 004 line 2632: basiseis 4, 'De middelen worden besteed in 2027 en 2028'; mijlpalen (M1 20% uiterlijk 2027-06-30, M2 25% uiterlijk 2027-12-31, M3 30% uiterlijk 2028-06-30, M4 25% uiterlijk 2028-12-31): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories hulpmiddel-aanschaf: 004 line 2805: hulpmiddelenzorg is via art. 3 lid 1 onder d Bub Wmg uitgesloten van de Wmg, 'De aanschaf van deze middelen an sich kan dus' + line 2809: 'niet via de doorbraakmiddelen onder de Wmg bekostigd worden, maar bijvoorbeeld wel het opzetten van kennisnetwerken'."
}
"""#),
        ("spraakgestuurd-rapporteren.json", #"""
{
  "id": "spraakgestuurd-rapporteren",
  "code": "AI-SGR",
  "version": "1.0.0",
  "title": "Spraakgestuurd rapporteren",
  "theme": "ai",
  "sectors": [
    "msz",
    "vvt",
    "ggz",
    "huisartsenzorg"
  ],
  "problem": "Zorgprofessionals in ziekenhuizen, wijkverpleging, ggz en huisartsenpraktijken besteden een groot deel van hun werktijd aan handmatige verslaglegging in het EPD/ECD/HIS, vaak na afloop van het consult of bezoek. Dat kost directe patiënttijd, leidt tot vergeetfouten en correcties en draagt bij aan werkdruk en uitstroom. Spraakgestuurde AI-toepassingen die een gesprek of ingesproken bevinding omzetten in een gestructureerd verslag zijn beschikbaar en getoetst, maar worden nog niet op schaal en geïntegreerd in de bronsystemen gebruikt.",
  "goal": "Binnen de looptijd werkt ten minste 70% van de beoogde gebruikers (artsen, verpleegkundigen, wijkverpleegkundigen, behandelaren, huisartsen) van de deelnemende aanbieders structureel met spraakgestuurd rapporteren dat in het eigen bronsysteem is geïntegreerd, met een aantoonbare reductie van de administratietijd per consult/rapportage en een vrijgespeelde capaciteit die wordt ingezet voor directe zorg.",
  "scope": "Binnen scope: selectie en integratie van een (digizo.nu-getoetste) spraak-naar-verslag-toepassing in EPD/ECD/HIS, ambient listening tijdens consult of bezoek, gestructureerde vastlegging in zibs/SNOMED-gecodeerde velden waar beschikbaar, scholing, veranderkundige begeleiding, meting van tijdsbesparing en herinrichting van roosters/spreekuren. Buiten scope: ontwikkeling van een eigen spraakmodel, automatische postvakverwerking en facturatie-automatisering, licentiekosten na de looptijd (structureel, uit reguliere exploitatie) en bredere EPD-vervanging.",
  "milestones": [
    {
      "code": "M1",
      "title": "Implementatieplan, leverancierskeuze en nulmeting administratietijd",
      "obligation": "inspanning",
      "share": 15,
      "latest": "2027-03-31",
      "evidence": "ondertekend implementatieplan met projectorganisatie per aanbieder, getekende verwerkersovereenkomst en DPIA, nulmetingrapport administratietijd per consult/rapportage (tijdsregistratie of EPD-logdata)"
    },
    {
      "code": "M2",
      "title": "Technische integratie in bronsysteem en pilot per sector",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2027-09-30",
      "evidence": "acceptatietestrapport koppeling met EPD/ECD/HIS, pilotevaluatie met gebruikerstevredenheid en correctiegraad van gegenereerde verslagen in minimaal één team per aanbieder"
    },
    {
      "code": "M3",
      "title": "Uitrol naar 50% van de beoogde gebruikers",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-03-31",
      "evidence": "gebruiksrapportage uit het systeem (actieve gebruikers/gegenereerde verslagen per maand) en scholingsregistratie"
    },
    {
      "code": "M4",
      "title": "Uitrol naar 70% van de beoogde gebruikers en vastgestelde roosteraanpassing",
      "obligation": "resultaat",
      "share": 20,
      "latest": "2028-09-30",
      "evidence": "gebruiksrapportage, door het bestuur vastgesteld besluit over herinzet van vrijgespeelde tijd (spreekuurlengte, caseload, formatieplan)"
    },
    {
      "code": "M5",
      "title": "Effectmeting en borging in reguliere exploitatie",
      "obligation": "resultaat",
      "share": 15,
      "latest": "2028-12-31",
      "evidence": "meetrapport administratietijd en fte-effect t.o.v. nulmeting na minimaal 6 maanden gebruik, begroting 2029 met structurele licentiekosten"
    }
  ],
  "kpis": [
    {
      "name": "Reductie administratietijd per consult/rapportage",
      "unit": "% t.o.v. nulmeting",
      "target": ">= 30% (msz/ggz/huisartsenzorg), >= 36 seconden per rapportage (vvt)"
    },
    {
      "name": "Actieve gebruikers",
      "unit": "% van beoogde gebruikers dat maandelijks >= 10 verslagen genereert",
      "target": ">= 70% eind 2028"
    },
    {
      "name": "Vrijgespeelde capaciteit",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 17,0 (impactlat B), norm tot 45,0"
    },
    {
      "name": "Gebruikerstevredenheid en verslagkwaliteit",
      "unit": "score 1-10 en % verslagen zonder inhoudelijke correctie",
      "target": ">= 7 en >= 90%"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "7500000.00",
    "spending_years": [
      2027,
      2028
    ],
    "plausible_max_fte_per_mln": "45.0"
  },
  "excluded_categories": [],
  "basiseisen": {
    "1": "De toepassing verhoogt de productiviteit doordat typen en nawerken van verslagen grotendeels vervalt; de coalitie onderbouwt de fte-besparing met een nulmeting en effectmeting van administratietijd en laat zien dat de aanvraag de gekozen impactlat haalt (fact base: tot 45 fte per EUR mln).",
    "2": "De business case zet de eenmalige kosten (integratie, scholing, projectorganisatie) en de structurele licentie- en beheerkosten af tegen de waarde van de vrijgespeelde uren; de structurele besparing per jaar is minimaal gelijk aan de structurele kosten en draagt bij aan het AZWA-doel van 8.000 personen minder arbeidsinzet door AI.",
    "3": "Elke deelnemende aanbieder benoemt een bestuurlijk opdrachtgever, een projectleider en per team een key-user; het implementatieplan bevat de uitrolvolgorde per afdeling/team, de capaciteit van de EPD-leverancier en een besluit vooraf over de herinzet van vrijgespeelde tijd.",
    "4": "De middelen worden besteed in 2027 en 2028: integratie en pilot in 2027, uitrol en effectmeting in 2028; kosten die na 31 december 2028 vallen (licenties) worden niet uit doorbraakmiddelen betaald.",
    "5": "Spraakgestuurd rapporteren wordt de standaardwerkwijze in de rapportageprotocollen; spreekuurlengtes, caseloads en formatieplannen worden aangepast zodat de tijdwinst niet weglekt, en de licentie wordt vanaf 2029 in de reguliere begroting opgenomen.",
    "6": "Zonder doorbraakmiddelen blijft het bij losse pilots omdat de eenmalige integratie in EPD/ECD/HIS, de scholing van alle gebruikers en de tijdelijke productiedip tijdens de uitrol niet uit de lopende exploitatie te dragen zijn; de middelen versnellen de opschaling naar alle teams.",
    "7": "De toepassing voldoet aan AVG (DPIA, verwerkersovereenkomst, geen training van modellen op patiëntdata zonder grondslag), NEN 7510/7512/7513, de EU AI-verordening en, waar van toepassing, de MDR; gekozen wordt voor toepassingen die door digizo.nu zijn getoetst.",
    "8": "De eenmalige impuls dekt integratie, scholing en verandertijd; na afloop worden licentie- en beheerkosten gedekt uit de reguliere exploitatie en de vrijgespeelde personeelskosten, vastgelegd in de contractering met de zorgverzekeraar en de begroting 2029.",
    "9": "De structurele licentiekosten per gebruiker per jaar worden expliciet begroot; de aanvraag toont dat de jaarlijkse besparing aan personeelstijd minstens zo hoog is als deze structurele kosten, anders wordt de scope per team beperkt tot de gebruikers met de grootste tijdwinst.",
    "10": "Verslagen worden direct in het bronsysteem vastgelegd via een koppeling volgens open standaarden (HL7 FHIR waar beschikbaar), met zibs/SNOMED-codering en eenheid van taal; afhankelijkheden van de EPD/ECD/HIS-leverancier worden vooraf contractueel vastgelegd en er ontstaat geen losse gegevensopslag buiten het dossier.",
    "11": "De coalitie kiest op functionaliteit, niet op merk, legt exit- en dataportabiliteitsafspraken vast met de leverancier en deelt implementatiekennis, protocollen en meetresultaten om niet met andere aanbieders om lock-in en concurrentievoordeel te voorkomen.",
    "12": "De aanvraag wordt gedaan door ten minste twee samenwerkende zorgaanbieders, bij voorkeur uit dezelfde sector of regio met hetzelfde bronsysteem, zodat integratie en scholing gedeeld worden.",
    "13": "Elke gebruiker volgt een korte training in dicteren en controleren van AI-verslagen; key-users en een veranderkundige begeleiden teams in AI-geletterdheid en de nieuwe werkroutine, en weerstand wordt via gebruikersfeedback per sprint opgepakt.",
    "14": "Afspraken over samenwerking met de EPD-leverancier en ketenpartners (bijv. overdracht aan huisarts of wijkverpleging) worden vastgelegd; de structurele kosten worden na de looptijd via de reguliere tarieven en contractering met de zorgverzekeraar gedekt zonder extra declaratielast."
  },
  "source": "Toepassing: 004 line 100 (wat is spraakgestuurd rapporteren) en line 2820 (alle vier sectoren); plausible_max_fte_per_mln 45.0: 004 line 1049: 'AI kan administratieve lasten verlagen met impact tot 45 fte/EUR mln'; ondersteund door line 2348: ggz-pilots ruim 860 fte per jaar tegen ca. €20 mln eenmalig (ca. 43 fte/EUR mln); max_amount_per_provider €7,5 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2817: AI richtbedrag €275 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen als ruimte voor een umc of grote vvt-organisatie, omdat deze toepassing in alle vier sectoren breed wordt uitgerold; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2028: 004 line 2632: basiseis 4, 'De middelen worden besteed in 2027 en 2028'; mijlpalen (M1 15% uiterlijk 2027-03-31, M2 25% uiterlijk 2027-09-30, M3 25% uiterlijk 2028-03-31, M4 20% uiterlijk 2028-09-30, M5 15% uiterlijk 2028-12-31): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories leeg: assumption: 004 sluit alleen de aanschaf van hulpmiddelen uit (line 2805 en 2809), wat bij deze toepassing niet speelt; structurele kosten vallen los daarvan buiten de middelen (line 625)."
}
"""#),
        ("stoma-sensortechnologie.json", #"""
{
  "id": "stoma-sensortechnologie",
  "code": "MT-STO",
  "version": "1.0.0",
  "title": "Stoma-sensortechnologie",
  "theme": "medische-technologie",
  "sectors": [
    "vvt",
    "msz"
  ],
  "problem": "Mensen met een stoma, in het bijzonder kort na de operatie of met beperkte zelfredzaamheid, zijn afhankelijk van routinematige controles en ongeplande bezoeken van wijkverpleging of stomaverpleegkundige bij volle of lekkende zakjes. Lekkages leiden tot huidproblemen, extra verschoningen, ongeplande interventies en soms heropname. Sensoren die real-time melden wanneer een stomazakje vol raakt of lekt zijn beschikbaar, maar worden niet in de zorgprocessen ingebed.",
  "goal": "Bij de deelnemende ziekenhuizen en wijkverpleegorganisaties krijgen geschikte stomapatiënten na de operatie sensortechnologie met app-signalering, gekoppeld aan een werkwijze waarin cliënt en mantelzorger zelf tijdig handelen en de zorgverlener alleen op signaal komt, met minder routinecontroles, minder ongeplande bezoeken bij lekkage en grotere zelfredzaamheid.",
  "scope": "Binnen scope: doelgroepselectie (nieuwe stomapatiënten, cliënten wijkverpleging met stoma), instructie en zelfmanagementtraining, koppeling van signalen aan de planning/alarmering van wijkverpleging of stomapoli, aanpassing van stomazorgpad en controlefrequentie, kennisnetwerk. Buiten scope: aanschaf van sensoren en stomamateriaal (hulpmiddelenzorg, Wmg-uitsluiting), Wlz-zorg, structurele abonnementskosten.",
  "milestones": [
    {
      "code": "M1",
      "title": "Implementatieplan en nulmeting stomazorg",
      "obligation": "inspanning",
      "share": 20,
      "latest": "2027-06-30",
      "evidence": "ondertekend implementatieplan, inclusiecriteria, nulmeting routinecontroles, ongeplande bezoeken bij lekkage en huidcomplicaties per cliënt"
    },
    {
      "code": "M2",
      "title": "Aangepast stomazorgpad en signaalroute operationeel",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2027-12-31",
      "evidence": "vastgesteld stomazorgpad met nieuwe controlefrequentie, testrapport signaalroute naar wijkverpleging/stomapoli"
    },
    {
      "code": "M3",
      "title": "Toepassing bij de beoogde doelgroep",
      "obligation": "resultaat",
      "share": 30,
      "latest": "2028-06-30",
      "evidence": "registratie aantal cliënten met sensor, aandeel getraind in zelfmanagement, gebruiksrapportage signalen"
    },
    {
      "code": "M4",
      "title": "Effectmeting en borging",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-12-31",
      "evidence": "meetrapport routinecontroles, ongeplande interventies, huidcomplicaties, heropnames, zelfredzaamheid en fte-effect t.o.v. nulmeting"
    }
  ],
  "kpis": [
    {
      "name": "Ongeplande bezoeken bij lekkage",
      "unit": "aantal per cliënt per maand t.o.v. nulmeting",
      "target": "-50%"
    },
    {
      "name": "Routinematige controlebezoeken",
      "unit": "aantal per cliënt per week t.o.v. nulmeting",
      "target": "-30%"
    },
    {
      "name": "Zelfredzaamheid stomazorg",
      "unit": "% cliënten dat stomazorg zelfstandig of met mantelzorger uitvoert",
      "target": ">= 70%"
    },
    {
      "name": "Vrijgespeelde zorgtijd",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 17,0 (impactlat B)"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "2500000.00",
    "spending_years": [
      2027,
      2028
    ],
    "plausible_max_fte_per_mln": "25.0"
  },
  "excluded_categories": [
    "hulpmiddel-aanschaf"
  ],
  "basiseisen": {
    "1": "Minder routinematige controles en ongeplande interventies bij lekkage verlagen de zorgvraag in wijkverpleging en stomapoli, en grotere zelfredzaamheid verschuift handelingen naar cliënt en mantelzorger; effect gemeten tegen nulmeting.",
    "2": "De business case zet eenmalige implementatiekosten en structurele sensor-/abonnementskosten af tegen vermeden bezoeken, minder huidcomplicaties en minder heropnames; de doelgroep wordt zo gekozen dat de besparing de structurele kosten overtreft.",
    "3": "Stomaverpleegkundigen van het ziekenhuis en de wijkverpleging vormen samen het projectteam met een bestuurlijk opdrachtgever per aanbieder; het implementatieplan regelt inclusie bij ontslag, training en de signaalroute.",
    "4": "De middelen worden besteed in 2027 (stomazorgpad, signaalroute, scholing) en 2028 (toepassing en effectmeting); kosten na 2028 vallen buiten de doorbraakmiddelen.",
    "5": "Het aangepaste stomazorgpad met lagere controlefrequentie op basis van signalen wordt vastgesteld in de protocollen van ziekenhuis en wijkverpleging en in het zorgplan van de cliënt opgenomen.",
    "6": "De omslag naar signaalgestuurde stomazorg vraagt investering in protocol, koppeling en zelfmanagementtraining die niet in de reguliere tarieven zit; zonder impuls blijft de technologie bij losse gebruikers zonder procesverandering.",
    "7": "Sensoren en stomamateriaal zijn hulpmiddelen buiten de Wmg (art. 3 lid 1 onder d Bub Wmg) en worden niet uit doorbraakmiddelen betaald; de sensor en app zijn MDR-gecertificeerd en gegevens worden verwerkt conform AVG en NEN 7510, met toestemming van de cliënt.",
    "8": "De impuls dekt alleen implementatie; sensoren worden na afloop via de reguliere hulpmiddelenvergoeding verstrekt, de aangepaste zorg via reguliere tarieven wijkverpleging en msz.",
    "9": "Structurele sensor- en abonnementskosten per cliënt per jaar worden begroot; de aanvraag toont dat vermeden bezoeken, complicaties en heropnames minstens zoveel besparen, zo nodig door inclusie te beperken tot cliënten met hoog lekkagerisico of beperkte zelfredzaamheid.",
    "10": "Signalen worden via open interfaces naar de planning/alarmering van de wijkverpleging of de stomapoli gestuurd zodat geen extra dashboard nodig is; relevante gegevens (zib Stoma) worden gestructureerd in ECD/EPD vastgelegd en bij overdracht uitgewisseld.",
    "11": "De werkwijze is niet gebonden aan één fabrikant van stomamateriaal: de coalitie eist compatibiliteit met gangbare stomasystemen en exporteerbare data, en deelt protocollen en resultaten om niet in het kennisnetwerk.",
    "12": "De aanvraag wordt gezamenlijk gedaan door ten minste één ziekenhuis (stomapoli) en één wijkverpleegorganisatie, omdat inclusie en training bij ontslag starten en de tijdwinst vooral thuis ontstaat.",
    "13": "Stomaverpleegkundigen en wijkteams worden geschoold in het werken op signaal; cliënten en mantelzorgers krijgen zelfmanagementtraining, met aandacht voor digitale vaardigheden en vertrouwen in de technologie.",
    "14": "Afspraken tussen ziekenhuis, wijkverpleging, hulpmiddelenleverancier en zorgverzekeraar over verstrekking, signaalopvolging en terugverwijzing worden vastgelegd; de zorg blijft na de looptijd passend bekostigd via reguliere contractering."
  },
  "source": "Toepassing: 004 line 198-204 (minder routinecontroles en ongeplande interventies bij lekkages) en line 2833; plausible_max_fte_per_mln 25.0: assumption: 004 noemt technologische hulpmiddelen 'relatief hoge impact op de personeel, maar ook hoge structurele kosten' (line 1296) maar het cijfer uit de grafiek ontbreekt in de tekst (line 1327 alleen de kop); voor stoma-sensortechnologie noemt 004 geen eigen cijfer; 25.0 gekozen als plafond tussen impactlat B 17 (line 395) en A 35 (line 394), passend bij 'relatief hoge impact'; max_amount_per_provider €2,5 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2831: medische technologie richtbedrag €50 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen zodat het richtbedrag van €50 mln voor drie toepassingen over meerdere coalities verdeeld kan worden; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2028: 004 line 2632: basiseis 4, 'De middelen worden besteed in 2027 en 2028'; mijlpalen (M1 20% uiterlijk 2027-06-30, M2 25% uiterlijk 2027-12-31, M3 30% uiterlijk 2028-06-30, M4 25% uiterlijk 2028-12-31): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories hulpmiddel-aanschaf: 004 line 2805: hulpmiddelenzorg is via art. 3 lid 1 onder d Bub Wmg uitgesloten van de Wmg, 'De aanschaf van deze middelen an sich kan dus' + line 2809: 'niet via de doorbraakmiddelen onder de Wmg bekostigd worden, maar bijvoorbeeld wel het opzetten van kennisnetwerken'."
}
"""#),
        ("vacuumtherapie-wondzorg.json", #"""
{
  "id": "vacuumtherapie-wondzorg",
  "code": "MT-VAC",
  "version": "1.0.0",
  "title": "Vacuümtherapie in de wondzorg",
  "theme": "medische-technologie",
  "sectors": [
    "vvt",
    "msz"
  ],
  "problem": "Grote en langdurig bestaande wonden (bijv. na chirurgie, diabetische voet, decubitus) vragen bij conventionele verbanden vaak dagelijkse wondverzorging door wijkverpleegkundigen en lange ziekenhuisopnames. Vacuümtherapie (negatieve drukwondtherapie) versnelt genezing en verlaagt de verbandfrequentie, maar wordt wisselend, laat of zonder eenduidige indicatie en transmurale afspraken ingezet, waardoor de tijdwinst in de wijk en de kortere opnameduur niet worden verzilverd.",
  "goal": "Bij de deelnemende ziekenhuizen en wijkverpleegorganisaties wordt vacuümtherapie volgens een gezamenlijk transmuraal wondzorgpad tijdig geïndiceerd, thuis voortgezet en door geschoolde wondverpleegkundigen begeleid, met minder verbandwissels per week, kortere genezingsduur en opnameduur en minder verpleegkundige bezoeken.",
  "scope": "Binnen scope: transmuraal wondzorgpad met indicatiecriteria, ontslag met vacuümtherapie naar huis, scholing en kennisnetwerk wondzorg, wondfotografie en teleconsultatie wondexpert, registratie van genezingsduur. Buiten scope: aanschaf of huur van pompen en verbruiksmateriaal (hulpmiddelenzorg, Wmg-uitsluiting), Wlz-zorg, en structurele materiaalkosten.",
  "milestones": [
    {
      "code": "M1",
      "title": "Transmuraal wondzorgpad en nulmeting",
      "obligation": "inspanning",
      "share": 20,
      "latest": "2027-06-30",
      "evidence": "door ziekenhuis(zen) en wijkverpleegorganisatie(s) vastgesteld wondzorgpad met indicatiecriteria, nulmeting verbandwissels, bezoeken, genezingsduur en opnameduur"
    },
    {
      "code": "M2",
      "title": "Scholing wondverpleegkundigen en teleconsultatie operationeel",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2027-12-31",
      "evidence": "scholingsregistratie (bevoegd en bekwaam voor vacuümtherapie), werkende teleconsultatie/wondfotografie met testrapport gegevensuitwisseling"
    },
    {
      "code": "M3",
      "title": "Wondzorgpad toegepast bij alle geïncludeerde patiënten",
      "obligation": "resultaat",
      "share": 30,
      "latest": "2028-06-30",
      "evidence": "registratierapport: aandeel geïndiceerde patiënten dat volgens het pad is behandeld, aantal transmurale overdrachten"
    },
    {
      "code": "M4",
      "title": "Effectmeting en borging",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-12-31",
      "evidence": "meetrapport genezingsduur, bezoeken per patiënt, opnameduur en fte-effect t.o.v. nulmeting; afspraken over structurele voortzetting"
    }
  ],
  "kpis": [
    {
      "name": "Verpleegkundige wondzorgbezoeken per patiënt per week",
      "unit": "aantal t.o.v. nulmeting",
      "target": "-40%"
    },
    {
      "name": "Mediane genezingsduur geïncludeerde wonden",
      "unit": "dagen t.o.v. nulmeting",
      "target": "-20%"
    },
    {
      "name": "Opnameduur patiënten met complexe wond",
      "unit": "ligdagen t.o.v. nulmeting",
      "target": "-15%"
    },
    {
      "name": "Vrijgespeelde verpleegkundige capaciteit",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 17,0 (impactlat B)"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "2500000.00",
    "spending_years": [
      2027,
      2028
    ],
    "plausible_max_fte_per_mln": "25.0"
  },
  "excluded_categories": [
    "hulpmiddel-aanschaf"
  ],
  "basiseisen": {
    "1": "Snellere genezing en minder frequente verbandwissels verlagen de zorgvraag: minder wijkverpleegkundige bezoeken en kortere opnames; de coalitie meet bezoeken, genezingsduur en ligdagen tegen een nulmeting.",
    "2": "De business case zet de eenmalige kosten (wondzorgpad, scholing, teleconsultatie) en de structurele huur- en materiaalkosten van vacuümtherapie af tegen minder bezoeken, minder ligdagen en minder complicaties; de personele en ligdagbesparing is hoger dan de meerkosten.",
    "3": "Ziekenhuis en wijkverpleging benoemen samen een projectleider, een wondexpert als inhoudelijk eigenaar en vaste wondverpleegkundigen per wijkteam; het implementatieplan regelt de overdracht bij ontslag en de beschikbaarheid van apparatuur via de reguliere hulpmiddelenroute.",
    "4": "De middelen worden besteed in 2027 (pad, scholing, teleconsultatie) en 2028 (toepassing en effectmeting); na 2028 worden geen kosten uit doorbraakmiddelen betaald.",
    "5": "Het transmurale wondzorgpad wordt opgenomen in de regionale wondzorgafspraken en de protocollen van beide partijen; bekwaamheid wordt via periodieke nascholing in het kennisnetwerk onderhouden.",
    "6": "Het opzetten van een transmuraal pad, de scholing van wijkteams en de teleconsultatie vragen een investering die geen van de partijen alleen kan dragen, terwijl de baten (minder ligdagen, minder bezoeken) verdeeld over ziekenhuis en wijkverpleging vallen.",
    "7": "Pompen en verbruiksmateriaal zijn hulpmiddelen buiten de Wmg (art. 3 lid 1 onder d Bub Wmg) en worden niet uit doorbraakmiddelen betaald; wondfoto's worden verwerkt conform AVG en NEN 7510, de apparatuur is MDR-gecertificeerd, en de toepassing volgt de geldende richtlijn wondzorg.",
    "8": "De impuls dekt de eenmalige opzet; huur/aanschaf van apparatuur loopt na afloop via de reguliere hulpmiddelenvergoeding en de wondzorg via de reguliere tarieven wijkverpleging en msz.",
    "9": "De structurele kosten van vacuümtherapie (pomphuur, canisters, schuimverbanden) per behandeling worden begroot en afgezet tegen bespaarde bezoeken en ligdagen; indicatiecriteria borgen dat de therapie alleen wordt ingezet waar de besparing de meerkosten overtreft.",
    "10": "Wondoverdracht, wondfoto's en behandelplan worden digitaal en gestructureerd (zib Wond) tussen EPD en ECD uitgewisseld, bij voorkeur via Twiin/het Landelijk Dekkend Netwerk, zodat de wijkverpleegkundige bij ontslag direct over de gegevens beschikt.",
    "11": "Het pad is leveranciersonafhankelijk: indicatie en protocol gelden voor alle CE-gemarkeerde systemen, en kennis, scholingsmateriaal en resultaten worden om niet in het regionale kennisnetwerk gedeeld.",
    "12": "De aanvraag wordt gezamenlijk gedaan door ten minste één ziekenhuis en één wijkverpleegorganisatie, omdat het effect vooral in de overdracht tussen beide zit.",
    "13": "Wijkverpleegkundigen worden geschoold en bekwaam verklaard voor het aanleggen en wisselen van vacuümsystemen; een wondexpert biedt teleconsultatie en intervisie bij de omslag van dagelijkse wondzorg naar een lagere wisselfrequentie.",
    "14": "Transmurale afspraken over indicatie, ontslag en terugverwijzing worden in een samenwerkingsovereenkomst vastgelegd; de zorgverzekeraar contracteert de vervolgzorg en de hulpmiddelen zodat het pad na de looptijd passend bekostigd blijft."
  },
  "source": "Toepassing: 004 line 190-196 (vacuümtherapie in de wondzorg) en line 2833; plausible_max_fte_per_mln 25.0: assumption: 004 noemt technologische hulpmiddelen 'relatief hoge impact op de personeel, maar ook hoge structurele kosten' (line 1296) maar het cijfer uit de grafiek ontbreekt in de tekst (line 1327 alleen de kop); voor vacuümtherapie noemt 004 geen eigen cijfer; 25.0 gekozen als plafond tussen impactlat B 17 (line 395) en A 35 (line 394), passend bij 'relatief hoge impact'; max_amount_per_provider €2,5 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2831: medische technologie richtbedrag €50 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen zodat het richtbedrag van €50 mln voor drie toepassingen over meerdere coalities verdeeld kan worden; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2028: 004 line 2632: basiseis 4, 'De middelen worden besteed in 2027 en 2028'; mijlpalen (M1 20% uiterlijk 2027-06-30, M2 25% uiterlijk 2027-12-31, M3 30% uiterlijk 2028-06-30, M4 25% uiterlijk 2028-12-31): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories hulpmiddel-aanschaf: 004 line 2805: hulpmiddelenzorg is via art. 3 lid 1 onder d Bub Wmg uitgesloten van de Wmg, 'De aanschaf van deze middelen an sich kan dus' + line 2809: 'niet via de doorbraakmiddelen onder de Wmg bekostigd worden, maar bijvoorbeeld wel het opzetten van kennisnetwerken'."
}
"""#),
        ("zorgpad-astma.json", #"""
{
  "id": "zorgpad-astma",
  "code": "DHZ-AST",
  "version": "1.0.0",
  "title": "Digitaal/hybride zorgpad astma",
  "theme": "digitale-hybride-zorg",
  "sectors": [
    "msz"
  ],
  "problem": "Patiënten met moeilijk behandelbaar of ernstig astma in de tweede lijn hebben frequente controles voor longfunctie, inhalatietechniek en therapietrouw, en komen bij ontregeling op de SEH of worden opgenomen. Een groot deel van de controles betreft stabiele patiënten; tegelijk wordt ontregeling tussen controles door vaak laat gezien. Thuismonitoring van astmacontrole en (thuis)spirometrie met digitale begeleiding kan fysieke controles en acute bezoeken verminderen.",
  "goal": "Astmapatiënten in de longpoli's van de deelnemende ziekenhuizen (inclusief kinderlongziekten waar van toepassing) worden gevolgd via een hybride pad met periodieke digitale astmacontrolevragenlijst (ACQ), thuisspirometrie of piekstroommeting en digitale inhalatie-instructie, zodat stabiele patiënten minder fysiek op controle komen en ontregeling eerder wordt opgemerkt.",
  "scope": "Binnen scope: volwassenen en kinderen met astma onder behandeling van longarts of kinderarts, digitale ACQ/C-ACT, thuisspirometrie/piekstroom, video-instructie inhalatietechniek, beeldbellen, opvolging door longverpleegkundige, overdracht naar huisarts bij goede controle. Buiten scope: biologicals-toediening thuis (aparte afspraken), aanschaf van meters/inhalatoren (hulpmiddelen/geneesmiddelen).",
  "milestones": [
    {
      "code": "M1",
      "title": "Implementatieplan, zorgpadontwerp en nulmeting",
      "obligation": "inspanning",
      "share": 15,
      "latest": "2027-03-31",
      "evidence": "ondertekend implementatieplan met projectorganisatie, vastgesteld zorgpad (inclusie-/exclusiecriteria, alarmgrenzen, opvolgprotocol) en nulmetingrapport aantal fysieke controles, SEH-bezoeken en opnames wegens astma per patiënt per jaar"
    },
    {
      "code": "M2",
      "title": "Technische inrichting thuismonitoring astma (vragenlijst en thuisspirometrie) en koppeling met EPD",
      "obligation": "resultaat",
      "share": 20,
      "latest": "2027-09-30",
      "evidence": "acceptatietestrapport koppeling platform-EPD en PGO/MedMij, DPIA en verwerkersovereenkomst, proefinclusie van de eerste patiënten"
    },
    {
      "code": "M3",
      "title": "Inclusie van 40% van de doelgroep en digitale controles gestart",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-03-31",
      "evidence": "inclusierapport, overzicht digitale controles en ACQ-scores per maand"
    },
    {
      "code": "M4",
      "title": "Volledige inclusie en aangepaste poli-capaciteit",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-09-30",
      "evidence": "inclusierapport (aandeel geschikte patiënten in het digitale/hybride pad) en vastgesteld besluit over aangepaste spreekuur- en formatieplanning"
    },
    {
      "code": "M5",
      "title": "Effectmeting en borging",
      "obligation": "resultaat",
      "share": 15,
      "latest": "2028-12-31",
      "evidence": "meetrapport fysieke consulten, zorgverlenerstijd per patiënt, (her)opnames en fte-effect t.o.v. nulmeting, plus contractafspraak structurele bekostiging met de zorgverzekeraar"
    }
  ],
  "kpis": [
    {
      "name": "Fysieke poliklinische controles per astmapatiënt",
      "unit": "aantal per jaar t.o.v. nulmeting",
      "target": "-40%"
    },
    {
      "name": "SEH-bezoeken en opnames wegens astma-exacerbatie",
      "unit": "aantal per 100 patiënten per jaar t.o.v. nulmeting",
      "target": "-20%"
    },
    {
      "name": "Astmacontrole",
      "unit": "% patiënten met ACQ < 1,5",
      "target": "gelijk of beter dan nulmeting"
    },
    {
      "name": "Vrijgespeelde capaciteit",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 17,0 (impactlat B), norm tot 18,0"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "3000000.00",
    "spending_years": [
      2027,
      2028
    ],
    "plausible_max_fte_per_mln": "18.0"
  },
  "excluded_categories": [],
  "basiseisen": {
    "1": "Digitale controles vervangen een deel van de fysieke longfunctie- en inhalatiecontroles en eerdere signalering van ontregeling voorkomt SEH-bezoeken; de coalitie meet bezoeken en behandeltijd tegen de nulmeting.",
    "2": "Eenmalige implementatie en structurele kosten voor het monitoringsplatform en thuisspirometers worden afgezet tegen vermeden controles, SEH-bezoeken en opnames; de relatief jonge astmapopulatie is digitaal vaardig, wat de business case versterkt.",
    "3": "De longartsen, kinderartsen en longverpleegkundigen zijn eigenaar van het zorgpad; elke aanbieder benoemt een bestuurlijk opdrachtgever, een projectleider en een monitoringsteam, en het implementatieplan bevat de inclusiesnelheid en de beschikbare leverancierscapaciteit.",
    "4": "De middelen worden besteed in 2027 (ontwerp, inrichting, koppeling) en 2028 (inclusie, herinrichting spreekuren, effectmeting); kosten na 2028, zoals platformlicenties, komen niet ten laste van de doorbraakmiddelen.",
    "5": "Digitale astmacontrole met vaste beslisregels voor fysieke controle wordt standaard in het astmazorgpad en in de poliplanning opgenomen.",
    "6": "Inrichting van thuisspirometrie, protocollen en koppelingen vraagt een investering en tijdelijke dubbele zorg die niet uit de reguliere bekostiging kan komen; zonder impuls blijft thuismonitoring beperkt tot enkele enthousiaste longartsen.",
    "7": "Het platform is een medisch hulpmiddel onder de MDR (CE-markering) voor zover het meetwaarden interpreteert; gegevensverwerking voldoet aan AVG, NEN 7510 en de Wegiz, gegevens worden via MedMij-gecertificeerde PGO's ontsloten en de implementatie sluit aan op de agenda van digizo.nu.",
    "8": "De impuls dekt de eenmalige inrichting, koppeling, scholing en de tijdelijke dubbele zorg tijdens de omslag; daarna lopen de telemonitoring en de digitale consulten via de reguliere NZa-prestaties en de contractering met de zorgverzekeraar.",
    "9": "Structurele kosten (platform, uitleen thuisspirometers, beoordelingstijd) worden per patiënt per jaar begroot en afgezet tegen vermeden controles en acute zorg; inclusie richt zich op patiënten met ernstig of moeilijk behandelbaar astma.",
    "10": "Vragenlijstscores en spirometriewaarden komen gestructureerd via FHIR/zib-koppeling in het EPD; het astma-actieplan wordt via een MedMij-PGO met de patiënt en bij overdracht via Twiin/LDN met de huisarts gedeeld.",
    "11": "Gekozen wordt op functionaliteit en open standaarden (FHIR, MedMij), met contractuele exit- en dataportabiliteitsafspraken; meetprotocollen en het zorgpadontwerp worden om niet gedeeld zodat andere ziekenhuizen kunnen aansluiten zonder lock-in.",
    "12": "De aanvraag wordt gedaan door ten minste twee ziekenhuizen met een longpoli en/of kinderlongpoli, in afstemming met de huisartsen voor terugverwijzing van goed gecontroleerde patiënten.",
    "13": "Longverpleegkundigen en longfunctieanalisten worden geschoold in beoordeling op afstand van thuisspirometrie; patiënten (en ouders bij kinderen) krijgen instructie in meten, inhalatietechniek en het actieplan.",
    "14": "Afspraken met huisartsen over terugverwijzing en met apotheken over inhalatie-instructie worden vastgelegd; digitale controles en telemonitoring worden na de looptijd via reguliere NZa-prestaties en contractering bekostigd."
  },
  "source": "Toepassing: 004 line 131-137 (digitale en hybride zorgpaden) en line 2826 (zes msz-zorgpaden, waaronder astma); plausible_max_fte_per_mln 18.0: assumption: 004 geeft geen cijfer per zorgpad (digitale/hybride zorg 'relatief lage impact op personeel', line 1237; grafiek ontbreekt); 18.0 is overgenomen van het hoogst scorende plan met digitale/hybride zorg, 004 line 2244: TFP.000416 Passende soa- en PrEP-zorg 18 fte/EUR mln; max_amount_per_provider €3 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2823: digitale en hybride zorg richtbedrag €275 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen voor ziekenhuizen die één zorgpad digitaal inrichten; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2028: 004 line 2632: basiseis 4, 'De middelen worden besteed in 2027 en 2028'; mijlpalen (M1 15% uiterlijk 2027-03-31, M2 20% uiterlijk 2027-09-30, M3 25% uiterlijk 2028-03-31, M4 25% uiterlijk 2028-09-30, M5 15% uiterlijk 2028-12-31): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories leeg: assumption: 004 sluit alleen de aanschaf van hulpmiddelen uit (line 2805 en 2809), wat bij deze toepassing niet speelt; structurele kosten vallen los daarvan buiten de middelen (line 625)."
}
"""#),
        ("zorgpad-copd.json", #"""
{
  "id": "zorgpad-copd",
  "code": "DHZ-COPD",
  "version": "1.0.0",
  "title": "Digitaal/hybride zorgpad COPD",
  "theme": "digitale-hybride-zorg",
  "sectors": [
    "msz"
  ],
  "problem": "Patiënten met matig tot ernstig COPD komen vaak volgens een vast schema naar de longpoli en worden regelmatig met een longaanval opgenomen, waarbij verslechtering vaak te laat wordt opgemerkt. Elke exacerbatie-opname kost gemiddeld meerdere ligdagen op een schaarse longafdeling en veel verpleegkundige tijd. Telemonitoring van klachten, saturatie en activiteit met een vroegtijdig actieplan kan een deel van de controles en opnames voorkomen, maar is nog niet standaard in het zorgpad.",
  "goal": "Patiënten met COPD (GOLD-klasse met frequente exacerbaties) worden in de deelnemende ziekenhuizen via een hybride zorgpad gevolgd: thuismeting van klachten en saturatie, een digitaal longaanval-actieplan en opvolging door een centraal monitoringsteam, met minder fysieke poliklinische controles, minder en kortere exacerbatie-opnames en vrijgekomen longverpleegkundige en longartsentijd.",
  "scope": "Binnen scope: poliklinische en recent opgenomen COPD-patiënten met >= 2 exacerbaties per jaar of een opname in het afgelopen jaar, telemonitoring met vragenlijst (CCQ/CAT) en saturatie, digitaal longaanval-actieplan, beeldbellen, vroeg ontslag met thuismonitoring, samenwerking met huisarts/ketenzorg bij terugverwijzing. Buiten scope: longrevalidatie, zuurstoftherapie-levering (hulpmiddel), Wlz-cliënten.",
  "milestones": [
    {
      "code": "M1",
      "title": "Implementatieplan, zorgpadontwerp en nulmeting",
      "obligation": "inspanning",
      "share": 15,
      "latest": "2027-03-31",
      "evidence": "ondertekend implementatieplan met projectorganisatie, vastgesteld zorgpad (inclusie-/exclusiecriteria, alarmgrenzen, opvolgprotocol) en nulmetingrapport aantal fysieke controles, exacerbatie-opnames en ligdagen per patiënt per jaar"
    },
    {
      "code": "M2",
      "title": "Technische inrichting telemonitoringplatform COPD en koppeling met EPD",
      "obligation": "resultaat",
      "share": 20,
      "latest": "2027-09-30",
      "evidence": "acceptatietestrapport koppeling platform-EPD en PGO/MedMij, DPIA en verwerkersovereenkomst, proefinclusie van de eerste patiënten"
    },
    {
      "code": "M3",
      "title": "Inclusie van 40% van de doelgroep in telemonitoring",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-03-31",
      "evidence": "inclusierapport en maandrapportage meldingen/alarmen met opvolgtijd door het monitoringsteam"
    },
    {
      "code": "M4",
      "title": "Volledige inclusie en aangepaste poli-capaciteit",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-09-30",
      "evidence": "inclusierapport (aandeel geschikte patiënten in het digitale/hybride pad) en vastgesteld besluit over aangepaste spreekuur- en formatieplanning"
    },
    {
      "code": "M5",
      "title": "Effectmeting en borging",
      "obligation": "resultaat",
      "share": 15,
      "latest": "2028-12-31",
      "evidence": "meetrapport fysieke consulten, zorgverlenerstijd per patiënt, (her)opnames en fte-effect t.o.v. nulmeting, plus contractafspraak structurele bekostiging met de zorgverzekeraar"
    }
  ],
  "kpis": [
    {
      "name": "Fysieke poliklinische controles per COPD-patiënt",
      "unit": "aantal per jaar t.o.v. nulmeting",
      "target": "-40%"
    },
    {
      "name": "Exacerbatie-opnames bij geïncludeerde patiënten",
      "unit": "ligdagen per patiënt per jaar t.o.v. nulmeting",
      "target": "-20%"
    },
    {
      "name": "Vrijgespeelde capaciteit longarts/longverpleegkundige/afdeling",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 17,0 (impactlat B), norm tot 18,0"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "3000000.00",
    "spending_years": [
      2027,
      2028
    ],
    "plausible_max_fte_per_mln": "18.0"
  },
  "excluded_categories": [],
  "basiseisen": {
    "1": "Het zorgpad vermindert de zorgvraag doordat routinematige controles vervallen en longaanvallen eerder thuis worden behandeld in plaats van met opname; de coalitie meet controles, opnames en ligdagen en vertaalt die naar longartsen-, verpleegkundige en afdelingscapaciteit.",
    "2": "De business case zet platformkosten en de inzet van het monitoringsteam af tegen vermeden polibezoeken en exacerbatie-ligdagen; omdat een COPD-opname meerdere verpleegdagen kost, is de besparing per voorkomen opname groot en ruim hoger dan de structurele kosten per patiënt.",
    "3": "De vakgroep longziekten en de longverpleegkundigen zijn eigenaar van het zorgpad; elke aanbieder benoemt een bestuurlijk opdrachtgever, een projectleider en een monitoringsteam, en het implementatieplan bevat de inclusiesnelheid en de beschikbare leverancierscapaciteit.",
    "4": "De middelen worden besteed in 2027 (ontwerp, inrichting, koppeling) en 2028 (inclusie, herinrichting spreekuren, effectmeting); kosten na 2028, zoals platformlicenties, komen niet ten laste van de doorbraakmiddelen.",
    "5": "Het hybride pad wordt het standaard COPD-zorgpad met een vastgestelde controlefrequentie en een vast monitoringsteam; de capaciteit van de longpoli en -afdeling wordt daarop aangepast.",
    "6": "COPD-telemonitoring vraagt een eenmalige investering in protocol, koppeling en het opzetten van een monitoringsteam terwijl tijdelijk fysieke en digitale zorg naast elkaar lopen; die dubbele kosten zijn niet uit de reguliere dbc-bekostiging te dragen.",
    "7": "Het platform is een medisch hulpmiddel onder de MDR (CE-markering) voor zover het meetwaarden interpreteert; gegevensverwerking voldoet aan AVG, NEN 7510 en de Wegiz, gegevens worden via MedMij-gecertificeerde PGO's ontsloten en de implementatie sluit aan op de agenda van digizo.nu.",
    "8": "De impuls dekt de eenmalige inrichting, koppeling, scholing en de tijdelijke dubbele zorg tijdens de omslag; daarna lopen de telemonitoring en de digitale consulten via de reguliere NZa-prestaties en de contractering met de zorgverzekeraar.",
    "9": "De structurele platformlicentie per patiënt en de formatie van het monitoringsteam worden begroot; de aanvraag toont dat vermeden controles en ligdagen structureel minstens zoveel opleveren, en beperkt de inclusie zo nodig tot patiënten met frequente exacerbaties.",
    "10": "Thuismetingen (saturatie, CCQ/CAT-score) komen gestructureerd in het EPD via FHIR/zib-koppeling; de patiënt ziet zijn gegevens via een MedMij-PGO, en het longaanval-actieplan wordt bij terugverwijzing digitaal gedeeld met huisarts en ketenzorg (Twiin/LDN).",
    "11": "Gekozen wordt op functionaliteit en open standaarden (FHIR, MedMij), met contractuele exit- en dataportabiliteitsafspraken; meetprotocollen en het zorgpadontwerp worden om niet gedeeld zodat andere ziekenhuizen kunnen aansluiten zonder lock-in.",
    "12": "De aanvraag wordt gedaan door ten minste twee ziekenhuizen met een longafdeling, bij voorkeur met een gedeeld monitoringsteam of platform en betrokkenheid van de regionale huisartsen-/ketenzorgorganisatie.",
    "13": "Longverpleegkundigen worden geschoold in het werken met alarmgrenzen en beeldbellen, patiënten krijgen uitleg over zelfmeting en het actieplan; aandacht voor beperkte digitale vaardigheden bij oudere COPD-patiënten voorkomt uitval.",
    "14": "Afspraken met huisartsen en ketenzorg COPD over taakverdeling en terugverwijzing worden vastgelegd; telemonitoring wordt na de looptijd bekostigd via de NZa-prestaties voor telemonitoring en contractering met zorgverzekeraars."
  },
  "source": "Toepassing: 004 line 131-137 (digitale en hybride zorgpaden) en line 2826 (zes msz-zorgpaden, waaronder COPD); plausible_max_fte_per_mln 18.0: assumption: 004 geeft geen cijfer per zorgpad (digitale/hybride zorg 'relatief lage impact op personeel', line 1237; grafiek ontbreekt); 18.0 is overgenomen van het hoogst scorende plan met digitale/hybride zorg, 004 line 2244: TFP.000416 Passende soa- en PrEP-zorg 18 fte/EUR mln; max_amount_per_provider €3 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2823: digitale en hybride zorg richtbedrag €275 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen voor ziekenhuizen die één zorgpad digitaal inrichten; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2028: 004 line 2632: basiseis 4, 'De middelen worden besteed in 2027 en 2028'; mijlpalen (M1 15% uiterlijk 2027-03-31, M2 20% uiterlijk 2027-09-30, M3 25% uiterlijk 2028-03-31, M4 25% uiterlijk 2028-09-30, M5 15% uiterlijk 2028-12-31): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories leeg: assumption: 004 sluit alleen de aanschaf van hulpmiddelen uit (line 2805 en 2809), wat bij deze toepassing niet speelt; structurele kosten vallen los daarvan buiten de middelen (line 625)."
}
"""#),
        ("zorgpad-diabetes.json", #"""
{
  "id": "zorgpad-diabetes",
  "code": "DHZ-DIA",
  "version": "1.0.0",
  "title": "Digitaal/hybride zorgpad diabetes",
  "theme": "digitale-hybride-zorg",
  "sectors": [
    "msz"
  ],
  "problem": "Patiënten met diabetes type 1 en complexe type 2 in de tweede lijn komen meerdere keren per jaar op controle bij internist en diabetesverpleegkundige, ook wanneer hun glucosewaarden stabiel zijn. Continue glucosemeting (CGM/FGM) levert al veel data op, maar die worden vooral tijdens fysieke consulten bekeken. Een hybride pad waarin glucosedata op afstand worden beoordeeld en alleen bij afwijkingen een consult volgt, kan veel controles vervangen.",
  "goal": "Diabetespatiënten in de tweede lijn van de deelnemende ziekenhuizen worden gevolgd via een hybride pad waarin CGM/FGM- en pompdata automatisch worden uitgelezen en gefilterd, stabiele patiënten digitale controles krijgen en het team zich richt op patiënten met afwijkende waarden, met minder fysieke consulten per patiënt en meer patiënten per diabetesverpleegkundige.",
  "scope": "Binnen scope: diabetes type 1 en type 2 in de msz (met insuline/CGM), uitlezen en populatiedashboard van glucosedata (tijd-in-range), digitale controles en beeldbellen, zelfmanagementmodules, gestructureerde terugverwijzing naar de huisarts bij stabiele type 2. Buiten scope: aanschaf van sensoren, pompen en glucosemeters (hulpmiddelen), zwangerschapsdiabetes, diabetische voetzorg.",
  "milestones": [
    {
      "code": "M1",
      "title": "Implementatieplan, zorgpadontwerp en nulmeting",
      "obligation": "inspanning",
      "share": 15,
      "latest": "2027-03-31",
      "evidence": "ondertekend implementatieplan met projectorganisatie, vastgesteld zorgpad (inclusie-/exclusiecriteria, alarmgrenzen, opvolgprotocol) en nulmetingrapport aantal fysieke consulten per patiënt per jaar, tijd-in-range en HbA1c"
    },
    {
      "code": "M2",
      "title": "Technische inrichting glucosedataplatform en populatiedashboard en koppeling met EPD",
      "obligation": "resultaat",
      "share": 20,
      "latest": "2027-09-30",
      "evidence": "acceptatietestrapport koppeling platform-EPD en PGO/MedMij, DPIA en verwerkersovereenkomst, proefinclusie van de eerste patiënten"
    },
    {
      "code": "M3",
      "title": "Populatiedashboard in gebruik voor 50% van de doelgroep",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-03-31",
      "evidence": "gebruiksrapportage dashboard (aantal beoordelingen op afstand) en overzicht vervangen fysieke consulten"
    },
    {
      "code": "M4",
      "title": "Volledige inclusie en aangepaste poli-capaciteit",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-09-30",
      "evidence": "inclusierapport (aandeel geschikte patiënten in het digitale/hybride pad) en vastgesteld besluit over aangepaste spreekuur- en formatieplanning"
    },
    {
      "code": "M5",
      "title": "Effectmeting en borging",
      "obligation": "resultaat",
      "share": 15,
      "latest": "2028-12-31",
      "evidence": "meetrapport fysieke consulten, zorgverlenerstijd per patiënt, (her)opnames en fte-effect t.o.v. nulmeting, plus contractafspraak structurele bekostiging met de zorgverzekeraar"
    }
  ],
  "kpis": [
    {
      "name": "Fysieke consulten per diabetespatiënt",
      "unit": "aantal per jaar t.o.v. nulmeting",
      "target": "-35%"
    },
    {
      "name": "Glykemische regulatie",
      "unit": "% patiënten met tijd-in-range >= 70%",
      "target": "gelijk of beter dan nulmeting"
    },
    {
      "name": "Patiënten per fte diabetesverpleegkundige",
      "unit": "aantal t.o.v. nulmeting",
      "target": "+25%"
    },
    {
      "name": "Vrijgespeelde capaciteit",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 17,0 (impactlat B), norm tot 18,0"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "3000000.00",
    "spending_years": [
      2027,
      2028
    ],
    "plausible_max_fte_per_mln": "18.0"
  },
  "excluded_categories": [],
  "basiseisen": {
    "1": "Beoordeling van glucosedata op afstand en uitzondering-gestuurde zorg verhogen het aantal patiënten per internist en diabetesverpleegkundige; de coalitie meet consulten per patiënt en behandeltijd tegen de nulmeting, met tijd-in-range als kwaliteitsbewaking.",
    "2": "De business case zet platform-/dashboardkosten en implementatie af tegen vermeden consulten; omdat CGM-data al beschikbaar zijn, zijn de structurele meerkosten relatief laag en is de besparing in consulttijd duurzaam.",
    "3": "De internisten-endocrinologen en diabetesverpleegkundigen zijn eigenaar van het zorgpad; elke aanbieder benoemt een bestuurlijk opdrachtgever, een projectleider en een monitoringsteam, en het implementatieplan bevat de inclusiesnelheid en de beschikbare leverancierscapaciteit.",
    "4": "De middelen worden besteed in 2027 (ontwerp, inrichting, koppeling) en 2028 (inclusie, herinrichting spreekuren, effectmeting); kosten na 2028, zoals platformlicenties, komen niet ten laste van de doorbraakmiddelen.",
    "5": "Uitzondering-gestuurde controles met vastgestelde triagecriteria op tijd-in-range worden het standaardpad; spreekuurcapaciteit wordt blijvend verschoven naar patiënten met instabiele regulatie.",
    "6": "Het koppelen van de uiteenlopende glucosemeters en pompen aan één dashboard en het herontwerp van het spreekuur vragen een eenmalige investering die niet uit de reguliere diabetes-dbc kan worden gefinancierd.",
    "7": "Het platform is een medisch hulpmiddel onder de MDR (CE-markering) voor zover het meetwaarden interpreteert; gegevensverwerking voldoet aan AVG, NEN 7510 en de Wegiz, gegevens worden via MedMij-gecertificeerde PGO's ontsloten en de implementatie sluit aan op de agenda van digizo.nu.",
    "8": "De impuls dekt de eenmalige inrichting, koppeling, scholing en de tijdelijke dubbele zorg tijdens de omslag; daarna lopen de telemonitoring en de digitale consulten via de reguliere NZa-prestaties en de contractering met de zorgverzekeraar.",
    "9": "Licentiekosten van het dashboard en koppelingen worden per patiënt per jaar begroot en afgezet tegen vermeden consulten; de aanvraag laat zien dat de besparing minstens zo hoog is.",
    "10": "Glucose- en pompdata van verschillende fabrikanten worden via open koppelvlakken of het platform van de leverancier gestructureerd (zib Glucose/Laboratoriumuitslag) in het EPD ontsloten; terugverwijzing naar de huisarts gaat met een gestructureerde overdracht via Twiin/LDN en patiënten zien data in een MedMij-PGO.",
    "11": "Gekozen wordt op functionaliteit en open standaarden (FHIR, MedMij), met contractuele exit- en dataportabiliteitsafspraken; meetprotocollen en het zorgpadontwerp worden om niet gedeeld zodat andere ziekenhuizen kunnen aansluiten zonder lock-in.",
    "12": "De aanvraag wordt gedaan door ten minste twee ziekenhuizen (diabetesteams), bij voorkeur met een gedeeld dashboard en in overleg met de huisartsen-/ketenzorgorganisatie voor de terugverwijzing van stabiele type 2-patiënten.",
    "13": "Diabetesverpleegkundigen en internisten worden geschoold in populatiemanagement en digitale consultvoering; patiënten krijgen zelfmanagementtraining in het interpreteren van hun eigen glucoseprofiel.",
    "14": "Taakverdeling met de huisarts/ketenzorg diabetes en terugverwijzing worden schriftelijk vastgelegd; digitale controles worden na de looptijd bekostigd via reguliere NZa-prestaties (screen-to-screen consult, telemonitoring) en contractering."
  },
  "source": "Toepassing: 004 line 131-137 (digitale en hybride zorgpaden) en line 2826 (zes msz-zorgpaden, waaronder diabetes); plausible_max_fte_per_mln 18.0: assumption: 004 geeft geen cijfer per zorgpad (digitale/hybride zorg 'relatief lage impact op personeel', line 1237; grafiek ontbreekt); 18.0 is overgenomen van het hoogst scorende plan met digitale/hybride zorg, 004 line 2244: TFP.000416 Passende soa- en PrEP-zorg 18 fte/EUR mln; de SiRM-selectie noemt RT-monitoring met glucosemeter zonder eigen getal (line 2396); max_amount_per_provider €3 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2823: digitale en hybride zorg richtbedrag €275 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen voor ziekenhuizen die één zorgpad digitaal inrichten; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2028: 004 line 2632: basiseis 4, 'De middelen worden besteed in 2027 en 2028'; mijlpalen (M1 15% uiterlijk 2027-03-31, M2 20% uiterlijk 2027-09-30, M3 25% uiterlijk 2028-03-31, M4 25% uiterlijk 2028-09-30, M5 15% uiterlijk 2028-12-31): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories leeg: assumption: 004 sluit alleen de aanschaf van hulpmiddelen uit (line 2805 en 2809), wat bij deze toepassing niet speelt; structurele kosten vallen los daarvan buiten de middelen (line 625)."
}
"""#),
        ("zorgpad-hartfalen.json", #"""
{
  "id": "zorgpad-hartfalen",
  "code": "DHZ-HF",
  "version": "1.0.0",
  "title": "Digitaal/hybride zorgpad hartfalen",
  "theme": "digitale-hybride-zorg",
  "sectors": [
    "msz"
  ],
  "problem": "Patiënten met chronisch hartfalen worden vaak heropgenomen door vochtretentie die thuis te laat wordt herkend, en hebben frequente controles op de hartfalenpoli voor titratie van medicatie. Heropnames belasten cardiologische afdelingen en SEH, en titratie op de poli vraagt veel tijd van hartfalenverpleegkundigen. Telemonitoring van gewicht, bloeddruk en klachten met protocollaire titratie op afstand is bewezen effectief maar ongelijk verspreid.",
  "goal": "Hartfalenpatiënten in de deelnemende ziekenhuizen worden na diagnose of ontslag in een hybride zorgpad gevolgd met dagelijkse thuismeting van gewicht, bloeddruk en klachten, titratie van medicatie op afstand en een centraal monitoringsteam, zodat heropnames en fysieke titratiebezoeken dalen en hartfalenverpleegkundigen meer patiënten kunnen begeleiden.",
  "scope": "Binnen scope: patiënten met hartfalen (HFrEF/HFmrEF/HFpEF) na opname of bij titratie, telemonitoring van gewicht, bloeddruk, hartfrequentie en klachten, titratie op afstand volgens protocol, beeldbellen, vroeg ontslag met thuismonitoring, overdracht naar huisarts bij stabiele fase. Buiten scope: implanteerbare devices en remote monitoring van ICD/pacemakers (aparte bekostiging), hartrevalidatie.",
  "milestones": [
    {
      "code": "M1",
      "title": "Implementatieplan, zorgpadontwerp en nulmeting",
      "obligation": "inspanning",
      "share": 15,
      "latest": "2027-03-31",
      "evidence": "ondertekend implementatieplan met projectorganisatie, vastgesteld zorgpad (inclusie-/exclusiecriteria, alarmgrenzen, opvolgprotocol) en nulmetingrapport aantal fysieke controles, titratiebezoeken, hartfalen-heropnames binnen 30 en 90 dagen en ligdagen"
    },
    {
      "code": "M2",
      "title": "Technische inrichting telemonitoringplatform hartfalen en koppeling met EPD",
      "obligation": "resultaat",
      "share": 20,
      "latest": "2027-09-30",
      "evidence": "acceptatietestrapport koppeling platform-EPD en PGO/MedMij, DPIA en verwerkersovereenkomst, proefinclusie van de eerste patiënten"
    },
    {
      "code": "M3",
      "title": "Inclusie van 40% van de doelgroep en titratie op afstand gestart",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-03-31",
      "evidence": "inclusierapport en rapportage aantal titratiestappen op afstand en opvolgtijd van alarmen"
    },
    {
      "code": "M4",
      "title": "Volledige inclusie en aangepaste poli-capaciteit",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-09-30",
      "evidence": "inclusierapport (aandeel geschikte patiënten in het digitale/hybride pad) en vastgesteld besluit over aangepaste spreekuur- en formatieplanning"
    },
    {
      "code": "M5",
      "title": "Effectmeting en borging",
      "obligation": "resultaat",
      "share": 15,
      "latest": "2028-12-31",
      "evidence": "meetrapport fysieke consulten, zorgverlenerstijd per patiënt, (her)opnames en fte-effect t.o.v. nulmeting, plus contractafspraak structurele bekostiging met de zorgverzekeraar"
    }
  ],
  "kpis": [
    {
      "name": "Hartfalen-heropnames binnen 90 dagen na ontslag",
      "unit": "% t.o.v. nulmeting",
      "target": "-25%"
    },
    {
      "name": "Fysieke titratie- en controlebezoeken",
      "unit": "aantal per patiënt per jaar t.o.v. nulmeting",
      "target": "-40%"
    },
    {
      "name": "Patiënten per fte hartfalenverpleegkundige",
      "unit": "aantal t.o.v. nulmeting",
      "target": "+30%"
    },
    {
      "name": "Vrijgespeelde capaciteit",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 17,0 (impactlat B), norm tot 18,0"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "3000000.00",
    "spending_years": [
      2027,
      2028
    ],
    "plausible_max_fte_per_mln": "18.0"
  },
  "excluded_categories": [],
  "basiseisen": {
    "1": "Vroegtijdige herkenning van vochtretentie voorkomt heropnames en titratie op afstand vervangt een groot deel van de polibezoeken; de coalitie meet heropnames, ligdagen en bezoeken en vertaalt die naar verpleegkundige en cardiologencapaciteit.",
    "2": "Platformkosten en het monitoringsteam worden afgezet tegen vermeden heropnames (meerdaagse opnames op cardiologie) en titratiebezoeken; sneller bereiken van de optimale medicatiedosis draagt bovendien bij aan minder ziekenhuiszorg op langere termijn.",
    "3": "De vakgroep cardiologie en de hartfalenverpleegkundigen zijn eigenaar van het zorgpad; elke aanbieder benoemt een bestuurlijk opdrachtgever, een projectleider en een monitoringsteam, en het implementatieplan bevat de inclusiesnelheid en de beschikbare leverancierscapaciteit.",
    "4": "De middelen worden besteed in 2027 (ontwerp, inrichting, koppeling) en 2028 (inclusie, herinrichting spreekuren, effectmeting); kosten na 2028, zoals platformlicenties, komen niet ten laste van de doorbraakmiddelen.",
    "5": "Het hybride pad wordt het standaard hartfalenzorgpad met vastgestelde titratieprotocollen; de formatie van de hartfalenpoli wordt aangepast op het grotere aantal patiënten per verpleegkundige.",
    "6": "Het inrichten van titratie op afstand, het monitoringsteam en de koppeling met het EPD vraagt een eenmalige investering en een periode van dubbele zorg die niet uit de reguliere bekostiging kan worden betaald.",
    "7": "Het platform is een medisch hulpmiddel onder de MDR (CE-markering) voor zover het meetwaarden interpreteert; gegevensverwerking voldoet aan AVG, NEN 7510 en de Wegiz, gegevens worden via MedMij-gecertificeerde PGO's ontsloten en de implementatie sluit aan op de agenda van digizo.nu.",
    "8": "De impuls dekt de eenmalige inrichting, koppeling, scholing en de tijdelijke dubbele zorg tijdens de omslag; daarna lopen de telemonitoring en de digitale consulten via de reguliere NZa-prestaties en de contractering met de zorgverzekeraar.",
    "9": "Structurele kosten (licentie, weegschalen/bloeddrukmeters via reguliere verstrekking, monitoringsteam) worden per patiënt per jaar begroot en afgezet tegen vermeden heropnames en bezoeken; inclusie richt zich op patiënten met hoog heropnamerisico.",
    "10": "Meetwaarden (gewicht, bloeddruk, hartfrequentie) komen via FHIR/zib-koppeling gestructureerd in het EPD; medicatiewijzigingen worden via de medicatieoverdracht-standaard gedeeld met huisarts en apotheek, en patiënten zien hun gegevens in een MedMij-PGO.",
    "11": "Gekozen wordt op functionaliteit en open standaarden (FHIR, MedMij), met contractuele exit- en dataportabiliteitsafspraken; meetprotocollen en het zorgpadontwerp worden om niet gedeeld zodat andere ziekenhuizen kunnen aansluiten zonder lock-in.",
    "12": "De aanvraag wordt gedaan door ten minste twee ziekenhuizen met een hartfalenpoli, bij voorkeur met een gedeeld monitoringscentrum, in afstemming met de regionale huisartsen.",
    "13": "Hartfalenverpleegkundigen worden geschoold in titratie op afstand en alarmopvolging; patiënten en mantelzorgers krijgen training in dagelijks meten en herkennen van alarmsignalen.",
    "14": "Afspraken met huisarts en apotheek over titratie, medicatieoverdracht en terugverwijzing worden vastgelegd; telemonitoring wordt na de looptijd bekostigd via de NZa-prestaties voor telemonitoring en contractering met zorgverzekeraars."
  },
  "source": "Toepassing: 004 line 131-137 (digitale en hybride zorgpaden) en line 2826 (zes msz-zorgpaden, waaronder hartfalen); plausible_max_fte_per_mln 18.0: assumption: 004 geeft geen cijfer per zorgpad (digitale/hybride zorg 'relatief lage impact op personeel', line 1237; grafiek ontbreekt); 18.0 is overgenomen van het hoogst scorende plan met digitale/hybride zorg, 004 line 2244: TFP.000416 Passende soa- en PrEP-zorg 18 fte/EUR mln; max_amount_per_provider €3 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2823: digitale en hybride zorg richtbedrag €275 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen voor ziekenhuizen die één zorgpad digitaal inrichten; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2028: 004 line 2632: basiseis 4, 'De middelen worden besteed in 2027 en 2028'; mijlpalen (M1 15% uiterlijk 2027-03-31, M2 20% uiterlijk 2027-09-30, M3 25% uiterlijk 2028-03-31, M4 25% uiterlijk 2028-09-30, M5 15% uiterlijk 2028-12-31): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories leeg: assumption: 004 sluit alleen de aanschaf van hulpmiddelen uit (line 2805 en 2809), wat bij deze toepassing niet speelt; structurele kosten vallen los daarvan buiten de middelen (line 625)."
}
"""#),
        ("zorgpad-hypertensie-zwangeren.json", #"""
{
  "id": "zorgpad-hypertensie-zwangeren",
  "code": "DHZ-HTZ",
  "version": "1.0.0",
  "title": "Digitaal/hybride zorgpad hypertensie bij zwangeren",
  "theme": "digitale-hybride-zorg",
  "sectors": [
    "msz"
  ],
  "problem": "Zwangeren met (dreigende) zwangerschapshypertensie of pre-eclampsie komen vaak meerdere keren per week naar de verloskundige poli of dagopname voor bloeddrukcontrole en laboratorium, of worden klinisch opgenomen ter observatie. Dat vraagt veel capaciteit van verloskundigen, gynaecologen en verpleegkundigen, terwijl een groot deel van deze controles stabiele waarden oplevert. Thuismonitoring van bloeddruk en symptomen is bewezen veilig en is in de feitenbasis expliciet als digitale toepassing genoemd.",
  "goal": "Zwangeren met hypertensie in de deelnemende ziekenhuizen worden, waar medisch verantwoord, thuis gemonitord met gevalideerde bloeddrukmeters, een digitale symptoomvragenlijst en een centraal monitoringsteam, zodat het aantal poli-/dagopnamebezoeken en klinische observatieopnames daalt zonder verlies aan veiligheid voor moeder en kind.",
  "scope": "Binnen scope: zwangeren met chronische of zwangerschapshypertensie en stabiele pre-eclampsie zonder ernstige kenmerken, thuismeting bloeddruk en symptomen, alarmgrenzen en opvolgprotocol, beeldbellen, samenwerking met eerstelijns verloskundigen, postpartum thuismonitoring. Buiten scope: ernstige pre-eclampsie/HELLP (klinische zorg), CTG-thuismonitoring, aanschaf van bloeddrukmeters (hulpmiddel).",
  "milestones": [
    {
      "code": "M1",
      "title": "Implementatieplan, zorgpadontwerp en nulmeting",
      "obligation": "inspanning",
      "share": 15,
      "latest": "2027-03-31",
      "evidence": "ondertekend implementatieplan met projectorganisatie, vastgesteld zorgpad (inclusie-/exclusiecriteria, alarmgrenzen, opvolgprotocol) en nulmetingrapport aantal polibezoeken/dagopnames voor bloeddrukcontrole, observatieopnames en ligdagen"
    },
    {
      "code": "M2",
      "title": "Technische inrichting thuismonitoring bloeddruk en symptomen zwangeren en koppeling met EPD",
      "obligation": "resultaat",
      "share": 20,
      "latest": "2027-09-30",
      "evidence": "acceptatietestrapport koppeling platform-EPD en PGO/MedMij, DPIA en verwerkersovereenkomst, proefinclusie van de eerste patiënten"
    },
    {
      "code": "M3",
      "title": "Inclusie van 50% van de geschikte zwangeren",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-03-31",
      "evidence": "inclusierapport, maandrapportage alarmen en opvolgtijd, veiligheidsrapportage (ernstige maternale en neonatale uitkomsten)"
    },
    {
      "code": "M4",
      "title": "Volledige inclusie en aangepaste poli-capaciteit",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-09-30",
      "evidence": "inclusierapport (aandeel geschikte patiënten in het digitale/hybride pad) en vastgesteld besluit over aangepaste spreekuur- en formatieplanning"
    },
    {
      "code": "M5",
      "title": "Effectmeting en borging",
      "obligation": "resultaat",
      "share": 15,
      "latest": "2028-12-31",
      "evidence": "meetrapport fysieke consulten, zorgverlenerstijd per patiënt, (her)opnames en fte-effect t.o.v. nulmeting, plus contractafspraak structurele bekostiging met de zorgverzekeraar"
    }
  ],
  "kpis": [
    {
      "name": "Poli-/dagopnamebezoeken voor bloeddrukcontrole",
      "unit": "aantal per zwangere t.o.v. nulmeting",
      "target": "-40%"
    },
    {
      "name": "Klinische observatieopnames wegens hypertensie",
      "unit": "ligdagen per zwangere t.o.v. nulmeting",
      "target": "-30%"
    },
    {
      "name": "Veiligheid",
      "unit": "ernstige maternale/neonatale uitkomsten",
      "target": "niet hoger dan nulmeting"
    },
    {
      "name": "Vrijgespeelde capaciteit",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 17,0 (impactlat B), norm tot 18,0"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "2500000.00",
    "spending_years": [
      2027,
      2028
    ],
    "plausible_max_fte_per_mln": "18.0"
  },
  "excluded_categories": [],
  "basiseisen": {
    "1": "Thuismonitoring vervangt meerdere bloeddrukcontroles per week op poli of dagopname en voorkomt observatieopnames; de coalitie meet bezoeken en ligdagen tegen de nulmeting en vertaalt die naar verloskundige en verpleegkundige capaciteit.",
    "2": "Eenmalige kosten (protocol, monitoringsteam, koppeling) en structurele kosten (platform, bloeddrukmeters via reguliere verstrekking) zijn laag per zwangere, terwijl elke vermeden observatieopname meerdere verpleegdagen bespaart; de business case is daarmee positief.",
    "3": "De gynaecologen en klinisch verloskundigen zijn eigenaar van het zorgpad; elke aanbieder benoemt een bestuurlijk opdrachtgever, een projectleider en een monitoringsteam, en het implementatieplan bevat de inclusiesnelheid en de beschikbare leverancierscapaciteit.",
    "4": "De middelen worden besteed in 2027 (ontwerp, inrichting, koppeling) en 2028 (inclusie, herinrichting spreekuren, effectmeting); kosten na 2028, zoals platformlicenties, komen niet ten laste van de doorbraakmiddelen.",
    "5": "Thuismonitoring wordt onderdeel van het verloskundig protocol hypertensie van de coalitie en van de regionale afspraken in het verloskundig samenwerkingsverband (VSV).",
    "6": "Het veilig inrichten van een monitoringsteam met 24/7-opvolging, protocollen en koppelingen vraagt een investering die de afdeling verloskunde niet uit de reguliere dbc's kan betalen; zonder impuls blijft thuismonitoring bij pilots.",
    "7": "Het platform is een medisch hulpmiddel onder de MDR (CE-markering) voor zover het meetwaarden interpreteert; gegevensverwerking voldoet aan AVG, NEN 7510 en de Wegiz, gegevens worden via MedMij-gecertificeerde PGO's ontsloten en de implementatie sluit aan op de agenda van digizo.nu.",
    "8": "De impuls dekt de eenmalige inrichting, koppeling, scholing en de tijdelijke dubbele zorg tijdens de omslag; daarna lopen de telemonitoring en de digitale consulten via de reguliere NZa-prestaties en de contractering met de zorgverzekeraar.",
    "9": "Structurele kosten per zwangere (platform, meter, beoordelingstijd) worden begroot en afgezet tegen vermeden dagopnames en opnames; door de korte zorgduur per zwangere zijn de structurele kosten beperkt.",
    "10": "Bloeddrukwaarden en symptoomscores komen gestructureerd in het EPD; overdracht tussen eerstelijns verloskundige en ziekenhuis gebeurt via de landelijke geboortezorgstandaarden (Perinatale Registratie/PWD) en Twiin/LDN, en de zwangere ziet haar waarden in een MedMij-PGO.",
    "11": "Gekozen wordt op functionaliteit en open standaarden (FHIR, MedMij), met contractuele exit- en dataportabiliteitsafspraken; meetprotocollen en het zorgpadontwerp worden om niet gedeeld zodat andere ziekenhuizen kunnen aansluiten zonder lock-in.",
    "12": "De aanvraag wordt gedaan door ten minste twee ziekenhuizen met een afdeling verloskunde, in samenwerking met de verloskundigenpraktijken uit hun VSV.",
    "13": "Klinisch verloskundigen, verpleegkundigen en eerstelijns verloskundigen worden geschoold in het protocol en de opvolging van alarmen; zwangeren krijgen instructie in correct meten en alarmsymptomen.",
    "14": "Samenwerking en verantwoordelijkheidsverdeling in het VSV worden vastgelegd; thuismonitoring wordt na de looptijd bekostigd via de NZa-prestaties voor telemonitoring en contractering met zorgverzekeraars."
  },
  "source": "Toepassing: 004 line 131-137 (digitale en hybride zorgpaden) en line 2826 (zes msz-zorgpaden, waaronder hypertensie bij zwangeren); plausible_max_fte_per_mln 18.0: assumption: 004 geeft geen cijfer per zorgpad (digitale/hybride zorg 'relatief lage impact op personeel', line 1237; grafiek ontbreekt); 18.0 is overgenomen van het hoogst scorende plan met digitale/hybride zorg, 004 line 2244: TFP.000416 Passende soa- en PrEP-zorg 18 fte/EUR mln; de SiRM-selectie noemt (zelf)monitoring hypertensie zwanger zonder eigen getal (line 2388); max_amount_per_provider €2,5 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2823: digitale en hybride zorg richtbedrag €275 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen voor ziekenhuizen die één zorgpad digitaal inrichten; lager dan COPD/hartfalen/diabetes/astma vanwege de kleinere patiëntengroep; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2028: 004 line 2632: basiseis 4, 'De middelen worden besteed in 2027 en 2028'; mijlpalen (M1 15% uiterlijk 2027-03-31, M2 20% uiterlijk 2027-09-30, M3 25% uiterlijk 2028-03-31, M4 25% uiterlijk 2028-09-30, M5 15% uiterlijk 2028-12-31): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories leeg: assumption: 004 sluit alleen de aanschaf van hulpmiddelen uit (line 2805 en 2809), wat bij deze toepassing niet speelt; structurele kosten vallen los daarvan buiten de middelen (line 625)."
}
"""#),
        ("zorgpad-ibd.json", #"""
{
  "id": "zorgpad-ibd",
  "code": "DHZ-IBD",
  "version": "1.0.0",
  "title": "Digitaal/hybride zorgpad IBD",
  "theme": "digitale-hybride-zorg",
  "sectors": [
    "msz"
  ],
  "problem": "Patiënten met inflammatoire darmziekten (ziekte van Crohn, colitis ulcerosa) hebben levenslang periodieke controles bij MDL-arts en IBD-verpleegkundige, ook in stabiele fases, en krijgen bij opvlamming vaak pas laat een afspraak. De poli's zijn vol, terwijl een groot deel van de controles bij patiënten in remissie geen behandelwijziging oplevert. Digitale ziekteactiviteitsmonitoring met thuistest (fecaal calprotectine) maakt zorg op maat mogelijk.",
  "goal": "IBD-patiënten in de deelnemende ziekenhuizen worden gevolgd via een hybride pad met periodieke digitale ziekteactiviteitsscores (bijv. MIBDI/PRO-2) en thuistesten op calprotectine, waarbij patiënten in remissie minder fysieke controles krijgen en opvlammingen sneller worden gezien, met vrijgekomen MDL- en IBD-verpleegkundige capaciteit.",
  "scope": "Binnen scope: volwassen patiënten met Crohn of colitis ulcerosa onder behandeling van de MDL-poli, digitale vragenlijsten ziekteactiviteit, thuistest calprotectine, e-consult en beeldbellen, patiënt-geïnitieerde controles, begeleiding door IBD-verpleegkundige. Buiten scope: infusie van biologicals (aparte afspraken), endoscopie, pediatrische IBD.",
  "milestones": [
    {
      "code": "M1",
      "title": "Implementatieplan, zorgpadontwerp en nulmeting",
      "obligation": "inspanning",
      "share": 15,
      "latest": "2027-03-31",
      "evidence": "ondertekend implementatieplan met projectorganisatie, vastgesteld zorgpad (inclusie-/exclusiecriteria, alarmgrenzen, opvolgprotocol) en nulmetingrapport aantal fysieke controles per patiënt per jaar, ziekenhuisopnames en SEH-bezoeken wegens opvlamming"
    },
    {
      "code": "M2",
      "title": "Technische inrichting digitale ziekteactiviteitsmonitoring IBD en koppeling met EPD",
      "obligation": "resultaat",
      "share": 20,
      "latest": "2027-09-30",
      "evidence": "acceptatietestrapport koppeling platform-EPD en PGO/MedMij, DPIA en verwerkersovereenkomst, proefinclusie van de eerste patiënten"
    },
    {
      "code": "M3",
      "title": "Inclusie van 50% van de patiënten in remissie",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-03-31",
      "evidence": "inclusierapport en rapportage van digitale scores, thuistesten en daaruit volgende interventies"
    },
    {
      "code": "M4",
      "title": "Volledige inclusie en aangepaste poli-capaciteit",
      "obligation": "resultaat",
      "share": 25,
      "latest": "2028-09-30",
      "evidence": "inclusierapport (aandeel geschikte patiënten in het digitale/hybride pad) en vastgesteld besluit over aangepaste spreekuur- en formatieplanning"
    },
    {
      "code": "M5",
      "title": "Effectmeting en borging",
      "obligation": "resultaat",
      "share": 15,
      "latest": "2028-12-31",
      "evidence": "meetrapport fysieke consulten, zorgverlenerstijd per patiënt, (her)opnames en fte-effect t.o.v. nulmeting, plus contractafspraak structurele bekostiging met de zorgverzekeraar"
    }
  ],
  "kpis": [
    {
      "name": "Fysieke controles per IBD-patiënt in remissie",
      "unit": "aantal per jaar t.o.v. nulmeting",
      "target": "-50%"
    },
    {
      "name": "Tijd tot beoordeling bij opvlamming",
      "unit": "werkdagen",
      "target": "<= 2"
    },
    {
      "name": "Vrijgespeelde capaciteit MDL-arts/IBD-verpleegkundige",
      "unit": "fte per EUR mln doorbraakmiddelen",
      "target": ">= 17,0 (impactlat B), norm tot 18,0"
    }
  ],
  "norms": {
    "min_providers": 2,
    "max_amount_per_provider": "2500000.00",
    "spending_years": [
      2027,
      2028
    ],
    "plausible_max_fte_per_mln": "18.0"
  },
  "excluded_categories": [],
  "basiseisen": {
    "1": "Patiënt-geïnitieerde en data-gestuurde controles halveren de routinecontroles bij patiënten in remissie; de coalitie meet controles en behandeltijd tegen de nulmeting en zet vrijgekomen MDL-capaciteit in voor wachtlijst en opvlammingen.",
    "2": "Platform- en thuistestkosten en implementatie worden afgezet tegen vermeden controles en minder ziekenhuisopnames door eerdere behandeling van opvlammingen; structurele kosten per patiënt zijn laag ten opzichte van een fysieke controle.",
    "3": "De MDL-artsen en IBD-verpleegkundigen zijn eigenaar van het zorgpad; elke aanbieder benoemt een bestuurlijk opdrachtgever, een projectleider en een monitoringsteam, en het implementatieplan bevat de inclusiesnelheid en de beschikbare leverancierscapaciteit.",
    "4": "De middelen worden besteed in 2027 (ontwerp, inrichting, koppeling) en 2028 (inclusie, herinrichting spreekuren, effectmeting); kosten na 2028, zoals platformlicenties, komen niet ten laste van de doorbraakmiddelen.",
    "5": "Het hybride pad met vaste regels voor fysieke versus digitale controle wordt standaard in het IBD-zorgpad; de policapaciteit wordt blijvend aangepast.",
    "6": "Inrichting van het platform, thuistestlogistiek met het laboratorium en protocollen vraagt een eenmalige investering die niet uit de reguliere bekostiging kan worden gedragen.",
    "7": "Het platform is een medisch hulpmiddel onder de MDR (CE-markering) voor zover het meetwaarden interpreteert; gegevensverwerking voldoet aan AVG, NEN 7510 en de Wegiz, gegevens worden via MedMij-gecertificeerde PGO's ontsloten en de implementatie sluit aan op de agenda van digizo.nu.",
    "8": "De impuls dekt de eenmalige inrichting, koppeling, scholing en de tijdelijke dubbele zorg tijdens de omslag; daarna lopen de telemonitoring en de digitale consulten via de reguliere NZa-prestaties en de contractering met de zorgverzekeraar.",
    "9": "Structurele kosten (platformlicentie, thuistesten, beoordelingstijd) worden per patiënt per jaar begroot en afgezet tegen vermeden controles en opnames; de aanvraag toont dat de besparing minstens zo hoog is.",
    "10": "Vragenlijstscores en calprotectine-uitslagen komen gestructureerd (zib Laboratoriumuitslag, FHIR) in het EPD; het laboratorium levert uitslagen digitaal aan en de patiënt ziet zijn gegevens via een MedMij-PGO.",
    "11": "Gekozen wordt op functionaliteit en open standaarden (FHIR, MedMij), met contractuele exit- en dataportabiliteitsafspraken; meetprotocollen en het zorgpadontwerp worden om niet gedeeld zodat andere ziekenhuizen kunnen aansluiten zonder lock-in.",
    "12": "De aanvraag wordt gedaan door ten minste twee ziekenhuizen met een MDL-poli (bijv. binnen een regionaal IBD-netwerk), zodat platform en protocollen gedeeld worden.",
    "13": "IBD-verpleegkundigen en MDL-artsen worden geschoold in data-gestuurde consultvoering; patiënten krijgen uitleg over zelfmonitoring, thuistest en wanneer zij zelf contact opnemen.",
    "14": "Afspraken met het laboratorium over thuistestlogistiek en met huisartsen over signalering worden vastgelegd; digitale controles worden na de looptijd via reguliere NZa-prestaties en contractering bekostigd."
  },
  "source": "Toepassing: 004 line 131-137 (digitale en hybride zorgpaden) en line 2826 (zes msz-zorgpaden, waaronder IBD); plausible_max_fte_per_mln 18.0: assumption: 004 geeft geen cijfer per zorgpad (digitale/hybride zorg 'relatief lage impact op personeel', line 1237; grafiek ontbreekt); 18.0 is overgenomen van het hoogst scorende plan met digitale/hybride zorg, 004 line 2244: TFP.000416 Passende soa- en PrEP-zorg 18 fte/EUR mln; max_amount_per_provider €2,5 mln: assumption: 004 geeft geen maximum per aanbieder, alleen het richtbedrag per thema (line 2823: digitale en hybride zorg richtbedrag €275 mln) en de eis het bedrag per zorgaanbieder te onderbouwen (line 2700); gekozen voor ziekenhuizen die één zorgpad digitaal inrichten; lager dan COPD/hartfalen/diabetes/astma vanwege de kleinere patiëntengroep; min_providers 2: 004 line 2644: basiseis 12, aanvragen 'door samenwerkende partijen', individuele aanvragen niet gehonoreerd (2 is de kleinste samenwerking); spending_years 2027-2028: 004 line 2632: basiseis 4, 'De middelen worden besteed in 2027 en 2028'; mijlpalen (M1 15% uiterlijk 2027-03-31, M2 20% uiterlijk 2027-09-30, M3 25% uiterlijk 2028-03-31, M4 25% uiterlijk 2028-09-30, M5 15% uiterlijk 2028-12-31): assumption: 004 vraagt mijlpalen en KPI's met streefdata (line 2706) maar geeft geen verdeling of data; oplopend van een inspanningsverplichting (M1) naar resultaatverplichtingen, laatste mijlpaal binnen de bestedingsjaren; excluded_categories leeg: assumption: 004 sluit alleen de aanschaf van hulpmiddelen uit (line 2805 en 2809), wat bij deze toepassing niet speelt; structurele kosten vallen los daarvan buiten de middelen (line 625)."
}
"""#),
    ]
}
