# ruff: noqa: E501  (prose: one line per paragraph)
"""A held-out duplicate corpus (rule 3), written after the detector was tuned and never used
to tune it: fresh ICT4D project descriptions (other organisations, countries and topics than
paraphrase_texts.py) in pairs of eight kinds, six pairs each.

Same project, must be refused the second time:
  a. a full sentence-by-sentence paraphrase by the same organisation;
  b. the same project submitted by a partner organisation in its own words;
  c. a condensed summary (about half the length) by the same organisation;
  d. the same project framed for another category, rewritten, by the same organisation.
Different projects, must both be accepted:
  e. same topic and country, another organisation and project;
  f. one organisation's two projects, its "About us" paragraph pasted into both;
  g. same donor or programme and country, different aims, other organisations;
  h. two unrelated projects written into the same funder template (headings, stock phrases).

Fictional organisations and projects; real places, donors and plausible figures. Every pair is
written out here by hand; nothing is generated except filling the (h) templates' slots.
"""

from __future__ import annotations

from devstack.paraphrase_pairs import Pair
from devstack.paraphrase_texts import Project

SAME_KINDS = ("a: full paraphrase, same organisation", "b: submitted by a partner",
              "c: condensed summary", "d: framed for another category")
DIFFERENT_KINDS = ("e: same topic and country, other org", "f: same organisation, shared About us",
                   "g: same donor and country, other aim", "h: same funder template wording")

# -- six projects, each with its paraphrase (a), a partner's text (b), a summary (c) and the
# framing for another category (d) --

BASE: list[Project] = [
    Project("Asociación Willay Perú", "PE", "C7-GOV", "Trámite Fácil Ayacucho: municipal procedures online in Quechua and Spanish", """\
Trámite Fácil Ayacucho puts the everyday procedures of 38 district municipalities of the Ayacucho region online: birth and marriage certificates, market stall licences, building permits and property tax payments. Citizens use a web portal or a WhatsApp assistant in Quechua and Spanish, and 61 assisted kiosks in district offices and health posts serve people without a phone.

Since the launch in August 2021, residents have completed 112,000 procedures online. The average time to obtain a building permit fell from 19 days to 4, and trips to the provincial capital Huamanga for paperwork dropped by an estimated 70,000 journeys a year. Women make up 54% of users, and 40% of the requests are made in Quechua.

The platform runs on the national PIDE interoperability platform, so municipalities exchange records with RENIEC and SUNARP instead of asking citizens for copies. The Inter-American Development Bank financed the project with USD 2.1 million under Peru's digital government programme, and the Digital Government Secretariat of the Presidency of the Council of Ministers sets the standards. The Universidad Nacional de San Cristóbal de Huamanga trained 540 municipal clerks, and 29 municipalities now pay the hosting fees from their own budgets.
"""),
    Project("Jatra Fintech Foundation", "BD", "C7-BUS", "Sanchay Wallet: savings and small loans for garment workers in Gazipur", """\
Sanchay Wallet is a mobile savings and credit account for garment workers in Gazipur and Narayanganj, most of them young women who receive their wages digitally but had no way to save or borrow except from moneylenders. Workers open the wallet on any phone in five minutes using their national ID card, set aside a fixed share of each salary, and can borrow up to BDT 30,000 against their saving record at a monthly rate far below informal lenders.

Since 2022 the wallet has been rolled out in 37 factories and opened by 64,000 workers, 81% of them women. Together they have saved BDT 410 million, and 18,200 loans have been repaid with a default rate of 1.7%. A study by the BRAC Institute of Governance and Development found that users cut their debt to moneylenders by half within a year.

The wallet runs on the bKash payment rails, and savings are held by Dutch-Bangla Bank. The United Nations Capital Development Fund supported the pilot with USD 1.2 million, and the Bangladesh Garment Manufacturers and Exporters Association helped recruit factories. Financial literacy sessions led by 150 peer trainers run during lunch breaks inside the factories.
"""),
    Project("Noor Education Initiative", "JO", "C7-LRN", "Sanad Learn: blended learning for refugee and Jordanian pupils in Mafraq and Irbid", """\
Sanad Learn gives pupils in double-shift schools of Mafraq and Irbid governorates a blended curriculum of short video lessons, interactive exercises and weekly tutoring in Arabic, mathematics and science. Because many homes have only one shared phone and costly data, each school receives an offline server that students can reach over Wi-Fi, and lessons can be downloaded to phones in the schoolyard for use at home.

Since September 2020 the programme has reached 46,500 pupils in 128 public schools, about 40% of them Syrian refugees, and trained 1,900 teachers to follow their classes' progress on a dashboard. In the 2022 national learning assessment, Grade 6 pupils in Sanad schools scored 23% higher in mathematics than pupils in comparable schools nearby.

The content follows the Jordanian national curriculum and was approved by the Ministry of Education, whose Queen Rania Teacher Academy co-designed the teacher training. The European Union Regional Trust Fund in Response to the Syrian Crisis, the Madad Fund, financed the programme with EUR 3.2 million. Orange Jordan zero-rates the Sanad Learn app, and 12 schools in Zaatari camp joined in 2023.
"""),
    Project("Kaligtasan Tech Collective", "PH", "C7-ENV", "Bantay Mayon: community warnings for lahar and ashfall around Mayon Volcano", """\
Bantay Mayon warns the 184,000 people living on the slopes of Mayon Volcano in Albay of lahars, ashfall and evacuation orders. Rain gauges and river-level sensors in 14 river channels feed a warning system that sends SMS and cell broadcast messages in Bikol and Filipino, sounds 31 solar sirens and alerts barangay officials on a dashboard. Every household in the 27 barangays inside the danger zones is registered with its evacuation centre.

During the 2023 eruption period, the system issued 212 alerts, and 11,400 families were evacuated with an average lead time of three hours, compared with forty minutes in 2018. No deaths from lahars have been recorded since the system started. Youth volunteers, 420 of them, check the sirens monthly and lead drills in schools.

The project was developed with the Philippine Institute of Volcanology and Seismology, the Albay Provincial Disaster Risk Reduction and Management Office and Bicol University, which maintains the sensors. Australia's Department of Foreign Affairs and Trade funded it with AUD 1.3 million, and Smart Communications and Globe Telecom deliver the messages free of charge. The provincial government has included its maintenance in the 2024 budget.
"""),
    Project("Sankofa Open Data Hub", "GH", "C3", "OpenAssembly Ghana: district budgets and spending as open data", """\
OpenAssembly Ghana publishes the budgets, revenues and spending of metropolitan, municipal and district assemblies as open data that anyone can search and download. Scanned budget statements and payment records from 43 assemblies in the Ashanti and Bono regions are converted into machine-readable tables, checked by data clerks and presented on a website and a simple SMS service where residents text a project code to learn its cost and status.

Since 2021 the portal has published 2,600 datasets covering GHS 1.9 billion of public spending, and it receives about 85,000 visits a month. We trained 310 journalists and 160 members of assembly to use the data; their stories led to the completion of 47 stalled school and clinic projects, including the Ejisu market drainage works.

The work is done with the Ghana Statistical Service, the Office of the Head of Local Government Service and the Kwame Nkrumah University of Science and Technology, whose students clean the data. It was funded by the World Bank's eTransform Ghana project with USD 950,000, and all data are released under a Creative Commons licence. Eleven assemblies now upload their records directly.
"""),
    Project("Tuuli Library Foundation", "MN", "C3", "Nomad Shelf: a digital library for herder children in Khövsgöl and Arkhangai", """\
Nomad Shelf brings books to children of herding families in Khövsgöl and Arkhangai provinces, who spend most of the year far from any library. Each of 22 soum schools and 37 seasonal camps received a solar-powered reading kit: a small offline server with 14,000 e-books and audiobooks in Mongolian, and rugged tablets that children borrow for the school holidays and take back to the family ger.

Since 2021, 9,300 children have borrowed books through the system, and the library has recorded 210,000 loans. Reading assessments by the Mongolian National University of Education found that pupils in the programme read 31% more words per minute at the end of Grade 4. More than 2,000 of the books are folk tales and local histories recorded by herders and teachers themselves.

The National Library of Mongolia selects and licenses the collection, and the Mongolian Publishers Association allowed 650 recent children's titles to be included free of charge. The Asia Foundation supported the project with USD 540,000 under its Books for Asia programme, and Mobicom provides satellite connections to update the servers twice a year.
"""),
]

# (a) the same organisation's sentence-by-sentence paraphrase, with a reworded title.
PARAPHRASE: list[tuple[str, str]] = [
    ("Ayacucho's district town halls go online: the Trámite Fácil platform", """\
Through Trámite Fácil Ayacucho, 38 district town halls in the Ayacucho region now offer their routine paperwork on the internet, from birth and marriage certificates to market stall licences, building permits and the payment of property tax. People can apply on a website or chat with a WhatsApp assistant that speaks Quechua as well as Spanish; those who have no phone are helped at 61 kiosks set up in district offices and health posts.

More than 112,000 procedures have been completed online since the service started in August 2021. A building permit now takes 4 days instead of 19, and residents make roughly 70,000 fewer journeys each year to Huamanga, the provincial capital, just to hand in documents. 54% of the users are women and four requests in ten are written in Quechua.

Because it is connected to PIDE, the state's interoperability platform, the town halls obtain records directly from RENIEC and SUNARP and no longer ask people to bring copies. Funding of USD 2.1 million came from the Inter-American Development Bank through Peru's digital government programme, with standards set by the Digital Government Secretariat of the Presidency of the Council of Ministers. At the Universidad Nacional de San Cristóbal de Huamanga, 540 municipal clerks were trained, and 29 of the municipalities have taken over the hosting costs.
"""),
    ("A digital savings and credit account for Gazipur's garment workers", """\
Garment workers in Gazipur and Narayanganj, mostly young women, are paid their wages by mobile money but until now could neither save nor borrow except through moneylenders; Sanchay Wallet changes that with a savings and credit account on the phone. Opening one takes five minutes with a national ID card on any handset. Workers choose a fixed part of every pay packet to put aside, and on the strength of that saving history they may borrow as much as BDT 30,000, at a monthly interest well under what informal lenders demand.

Launched in 2022, the wallet is now used in 37 factories by 64,000 workers, of whom 81% are women. Their combined savings amount to BDT 410 million; 18,200 loans have been paid back and only 1.7% defaulted. According to research by the BRAC Institute of Governance and Development, users halved what they owed to moneylenders in twelve months.

Payments travel over bKash, while Dutch-Bangla Bank holds the deposits. A grant of USD 1.2 million from the United Nations Capital Development Fund paid for the pilot, and factories joined through the Bangladesh Garment Manufacturers and Exporters Association. During lunch breaks, 150 peer trainers hold sessions on money management on the factory floor.
"""),
    ("Blended learning for double-shift schools in Mafraq and Irbid: Sanad Learn", """\
In the double-shift schools of the Mafraq and Irbid governorates, Sanad Learn combines brief video lessons, interactive practice and a weekly tutoring hour in Arabic, maths and science. Many families share a single phone and pay dearly for data, so every school is equipped with an offline server reachable over Wi-Fi; pupils download lessons to their phones in the playground and study them at home.

From September 2020 onward, 46,500 pupils in 128 state schools have taken part, roughly four in ten of them refugees from Syria, and 1,900 teachers learned to track their classes on a progress dashboard. When the national learning assessment was held in 2022, Sanad pupils in Grade 6 outperformed pupils at similar nearby schools by 23% in mathematics.

The Ministry of Education approved the material, which matches the Jordanian national curriculum, and its Queen Rania Teacher Academy helped shape the training of teachers. Funding of EUR 3.2 million came from the Madad Fund, the EU's Regional Trust Fund responding to the Syrian crisis. The app costs no data on Orange Jordan's network, and in 2023 another 12 schools in the Zaatari camp were added.
"""),
    ("Lahar and ashfall alerts for Mayon's slopes: Bantay Mayon", """\
Some 184,000 residents of the slopes of Mayon Volcano in Albay receive warnings of lahar flows, ashfall and evacuation orders from Bantay Mayon. Sensors measuring rainfall and river levels in 14 channels feed the system, which then texts and cell-broadcasts messages in Bikol and Filipino, sets off 31 sirens powered by solar panels and notifies barangay officials through an online dashboard. All households of the 27 barangays within the danger zones are listed with the evacuation centre assigned to them.

When Mayon erupted in 2023, 212 alerts went out and 11,400 families left their homes with, on average, three hours' warning; in 2018 they had had forty minutes. Since the system began, lahars have killed no one. Four hundred and twenty young volunteers test the sirens each month and run drills in the schools.

Bantay Mayon was built together with PHIVOLCS, the Albay Provincial Disaster Risk Reduction and Management Office and Bicol University, which looks after the sensors. The Australian Department of Foreign Affairs and Trade contributed AUD 1.3 million, while Smart and Globe send the messages for free. Maintenance is now part of the province's 2024 budget.
"""),
    ("Opening up assembly finances in Ashanti and Bono: OpenAssembly Ghana", """\
Anyone can now search and download the budgets, income and expenditure of local assemblies, whether metropolitan, municipal or district, on OpenAssembly Ghana. The platform takes scanned budget statements and payment vouchers from 43 assemblies across the Ashanti and Bono regions, turns them into machine-readable tables that data clerks verify, and shows them on a website and through an SMS line: residents send a project code and get back its cost and progress.

Launched in 2021, it has released 2,600 datasets on GHS 1.9 billion of public expenditure and draws roughly 85,000 visits every month. Training reached 310 journalists and 160 assembly members; reporting based on the data pushed 47 stalled schools and clinics to completion, one of them the drainage of the Ejisu market.

Our partners are the Ghana Statistical Service, the Office of the Head of Local Government Service and the Kwame Nkrumah University of Science and Technology, whose students clean the records. USD 950,000 came from the World Bank through eTransform Ghana, and the data carry a Creative Commons licence. Eleven assemblies already upload their own records.
"""),
    ("Books for the steppe: Nomad Shelf's digital library in Khövsgöl and Arkhangai", """\
Children from herding families in the Khövsgöl and Arkhangai provinces live for most of the year a long way from the nearest library, and Nomad Shelf takes the books to them. Twenty-two soum schools and 37 seasonal camps each have a reading kit running on solar power: an offline server loaded with 14,000 Mongolian e-books and audiobooks, and tough tablets that pupils take home to the family ger over the holidays.

There have been 210,000 loans since 2021, by 9,300 young borrowers. At the end of Grade 4, children taking part read 31% more words per minute, according to tests run by the Mongolian National University of Education. Herders and teachers have recorded their own folk tales and local histories, which now make up more than 2,000 titles.

The collection is chosen and licensed by the National Library of Mongolia, while the Mongolian Publishers Association let us include 650 new children's books at no cost. USD 540,000 came from The Asia Foundation's Books for Asia programme, and twice a year Mobicom's satellite link refreshes the servers.
"""),
]

# (b) a partner organisation's submission of the same project, in its own words:
# (partner, category, title, text).
PARTNER: list[tuple[str, str, str, str]] = [
    ("Universidad Nacional de San Cristóbal de Huamanga", "C4", "Training municipal clerks for Trámite Fácil, Ayacucho's online services", """\
Our Faculty of Engineering has been the training and research partner of Trámite Fácil Ayacucho, the online municipal services platform built by Asociación Willay Perú, since its pilot in 2021. Our lecturers designed a practical course in digital public administration and delivered it in Huamanga and in the provinces to 540 clerks from the 38 participating district municipalities, many of whom had never used a shared document system before.

The platform lets residents request certificates, licences and permits through a website, a WhatsApp assistant in Quechua and Spanish, or one of 61 assisted kiosks. Our students carried out the user surveys: we found that a building permit now takes four days rather than nineteen, that more than half of users are women, and that four in ten requests arrive in Quechua. By the end of 2023 over 112,000 procedures had been completed.

The work was financed by the Inter-American Development Bank (USD 2.1 million) and follows the standards of the Digital Government Secretariat. We are now preparing a diploma so that the course continues after the grant.
"""),
    ("Shromik Shakti Foundation", "C7-BUS", "Peer financial trainers for Sanchay Wallet users in the garment sector", """\
Shromik Shakti Foundation has worked with garment workers in Gazipur for fifteen years, and in 2022 we joined Jatra Fintech Foundation to bring Sanchay Wallet into the factories. The wallet lets a worker keep part of her digital wage as savings and borrow up to BDT 30,000 without going to a moneylender. Our part was to make sure workers understood it and trusted it.

We recruited and trained 150 peer trainers, machine operators and line supervisors themselves, who hold short lessons on budgeting, saving and loan contracts during lunch breaks. Today 64,000 workers in 37 factories hold a wallet, and more than eight in ten are women. They have put away BDT 410 million, and repayment of the 18,200 loans has been almost perfect. Many of our members tell us it is the first time they have had money of their own in a bank.

The programme was supported by the United Nations Capital Development Fund, with payments via bKash and deposits at Dutch-Bangla Bank. We now want to reach workers in Chattogram's export zone.
"""),
    ("Jusoor Tech Labs", "C7-LRN", "Offline learning servers for Sanad Learn schools", """\
Jusoor Tech Labs, an Amman software company, is the technology partner of the Sanad Learn programme led by Noor Education Initiative. We designed the offline learning server that sits in each of the 128 participating schools in Mafraq and Irbid: a low-cost box that stores the full library of video lessons and exercises and serves them over the school's Wi-Fi, with no internet connection needed. Pupils copy lessons to the family phone before going home, which matters when one handset is shared by four children and data is expensive.

The servers synchronise results whenever a connection appears, so that 1,900 teachers can see each pupil's progress on their dashboard. About 46,500 children use the system, four in ten of them Syrian refugees, and in 2022 Grade 6 maths scores in these schools were 23% above comparable schools. Since 2023 the servers also run in 12 schools in Zaatari camp.

The programme is financed by the EU Madad Fund, and the content follows the Ministry of Education's curriculum. Our server software is open source and has been adopted by two other NGOs.
"""),
    ("Bicol University Center for Volcano and Disaster Studies", "C7-SCI", "Sensor network and research for the Bantay Mayon warning system", """\
The Bicol University Center for Volcano and Disaster Studies is the scientific partner of Bantay Mayon, the early warning system of the Kaligtasan Tech Collective for communities around Mayon Volcano. Our engineers installed and maintain the rain gauges and river-level sensors in 14 lahar channels, and our geologists set the rainfall thresholds at which a warning is sent, calibrated with PHIVOLCS against records of past lahars.

When the sensors pass a threshold, residents of the 27 barangays in the danger zones receive text and cell broadcast warnings in Bikol and Filipino, and 31 sirens sound. During the unrest of 2023 the network produced 212 alerts and families had about three hours to evacuate, where five years earlier they had under an hour. Our students also trained 420 young volunteers who test the sirens and run school drills.

The work is funded by the Australian Department of Foreign Affairs and Trade. We are publishing the sensor data openly so that other volcano provinces such as Sorsogon can reuse the thresholds.
"""),
    ("Ashanti Media Accountability Network", "C9", "Data journalism on local budgets with OpenAssembly Ghana", """\
The Ashanti Media Accountability Network brings together 120 radio and print journalists in Kumasi and the districts around it. Before OpenAssembly Ghana, reporting on how an assembly spent its money meant weeks of waiting for documents that often never came. Since 2021, the Sankofa Open Data Hub's portal has put the budgets and spending of 43 assemblies in the Ashanti and Bono regions online as open data.

Our network organised the training for 310 journalists, who learned to search the datasets, compare budgets with payments and check projects on site. Their reporting on local radio helped complete 47 school and clinic projects that had stalled, among them the market drainage at Ejisu. Listeners can also text a project's code to the portal's SMS service to check its status themselves, and the website gets some 85,000 visits a month.

OpenAssembly is supported by the World Bank's eTransform Ghana project and built with KNUST and the Ghana Statistical Service. We now run a yearly award for the best local budget story based on its data.
"""),
    ("Khövsgöl Aimag Public Library", "C3", "Reading at the winter camps: Khövsgöl's part in Nomad Shelf", """\
The Khövsgöl Aimag Public Library in Mörön has always tried to reach herder families, but with a single book van for a province the size of Portugal we could visit each soum only once a year. In 2021 we joined the Tuuli Library Foundation's Nomad Shelf project, which places solar-powered digital reading kits in schools and seasonal camps in Khövsgöl and Arkhangai.

Our librarians trained the teachers who run the kits, and we organise the holiday lending of tablets, each loaded from a school server holding 14,000 Mongolian e-books and audiobooks. Across the two provinces, 9,300 children have now borrowed from the collection, with 210,000 loans recorded. We also went with teachers to the camps to record stories from elders; more than 2,000 such local tales and histories are now part of the library.

The collection is licensed through the National Library of Mongolia, and the project is funded by The Asia Foundation's Books for Asia programme. For our library it has meant that a child at a winter camp can read the same new books as a child in Mörön.
"""),
]

# (c) the same organisation's condensed summary (about half the length), with its own title.
SUMMARY: list[tuple[str, str]] = [
    ("Trámite Fácil: online municipal services for Ayacucho", """\
Trámite Fácil Ayacucho lets residents of 38 district municipalities request certificates, licences and building permits and pay property tax online, through a portal, a Quechua and Spanish WhatsApp assistant or 61 assisted kiosks. Since August 2021, 112,000 procedures have been completed; a building permit takes 4 days instead of 19, and about 70,000 trips a year to Huamanga are avoided. Linked to the national PIDE platform, the municipalities exchange records with RENIEC and SUNARP. The Inter-American Development Bank funded it with USD 2.1 million; 540 clerks were trained with the Universidad Nacional de San Cristóbal de Huamanga, and 29 municipalities now pay the hosting.
"""),
    ("Sanchay Wallet", """\
Sanchay Wallet gives garment workers in Gazipur and Narayanganj a phone-based savings and credit account opened with a national ID card. Workers save a fixed share of each digital wage and may borrow up to BDT 30,000 at rates well below moneylenders. Since 2022, 64,000 workers (81% women) in 37 factories have saved BDT 410 million, and 18,200 loans were repaid with 1.7% default; users halved their debts to moneylenders within a year, according to BIGD. It uses bKash, Dutch-Bangla Bank holds the savings, the United Nations Capital Development Fund gave USD 1.2 million, and 150 peer trainers teach financial literacy in the factories.
"""),
    ("Sanad Learn: blended learning in Mafraq and Irbid", """\
Sanad Learn brings video lessons, exercises and weekly tutoring in Arabic, mathematics and science to double-shift public schools in Mafraq and Irbid, with an offline server in each school so that pupils can download lessons to shared phones. Since 2020 it has reached 46,500 pupils in 128 schools, about 40% of them Syrian refugees, and trained 1,900 teachers. Grade 6 pupils scored 23% higher in mathematics in the 2022 national assessment. It follows the national curriculum approved by the Ministry of Education, was funded by the EU Madad Fund with EUR 3.2 million, and added 12 Zaatari camp schools in 2023.
"""),
    ("Bantay Mayon early warning, Albay", """\
Bantay Mayon warns 184,000 residents around Mayon Volcano in Albay of lahars, ashfall and evacuations. Sensors in 14 river channels trigger SMS and cell broadcast alerts in Bikol and Filipino, 31 solar sirens and a dashboard for the 27 barangays in the danger zones. In 2023 it issued 212 alerts and 11,400 families evacuated with three hours' lead time instead of forty minutes in 2018; no lahar deaths have occurred since. Built with PHIVOLCS, the provincial disaster office and Bicol University, it was funded by Australia's DFAT with AUD 1.3 million; Smart and Globe send the messages free, and 420 youth volunteers keep the sirens working.
"""),
    ("OpenAssembly Ghana: open local budget data", """\
OpenAssembly Ghana turns the budgets and payment records of 43 assemblies in the Ashanti and Bono regions into open, downloadable data, with a website and an SMS service where residents text a project code to see its cost and status. Since 2021 it has published 2,600 datasets covering GHS 1.9 billion and gets about 85,000 visits a month. It trained 310 journalists and 160 assembly members, whose work got 47 stalled school and clinic projects finished. Partners are the Ghana Statistical Service, the Local Government Service and KNUST; the World Bank's eTransform Ghana project provided USD 950,000. Eleven assemblies upload their records directly.
"""),
    ("Nomad Shelf digital library (Mongolia)", """\
Nomad Shelf provides solar-powered digital reading kits, an offline server with 14,000 Mongolian e-books and audiobooks plus tablets that children take home, to 22 soum schools and 37 seasonal camps in Khövsgöl and Arkhangai. Since 2021, 9,300 herder children have made 210,000 loans, and Grade 4 pupils read 31% more words per minute according to the Mongolian National University of Education. Over 2,000 titles are local tales recorded by herders and teachers. The National Library of Mongolia licenses the collection, the Mongolian Publishers Association donated 650 children's titles, The Asia Foundation's Books for Asia programme gave USD 540,000, and Mobicom updates the servers by satellite.
"""),
]

# (d) the same organisation's submission of the project in another category, rewritten for
# that category's angle: (category, title, text).
OTHER_CATEGORY: list[tuple[str, str, str]] = [
    ("C8", "Public services in Runasimi: Quechua speakers and the Trámite Fácil platform in Ayacucho", """\
In the Ayacucho region, four in ten residents speak Quechua as their first language, yet until recently every municipal form was written only in Spanish. Asociación Willay Perú designed Trámite Fácil Ayacucho so that the language of the citizen, not of the office, comes first. Its WhatsApp assistant and web portal work fully in Quechua, with vocabulary reviewed by native speakers from Huanta and Vilcashuamán, and the 61 kiosks are staffed by bilingual helpers.

The effect has been measurable. Since August 2021, around 40% of the 112,000 procedures handled online were requested in Quechua, and older women, who rarely went to the town hall alone, are now among the most frequent users. Certificates, stall licences and building permits from 38 district municipalities no longer require a trip to Huamanga.

We worked with the Universidad Nacional de San Cristóbal de Huamanga to build a glossary of 1,800 administrative terms in Ayacucho Quechua, now shared with the Ministry of Culture. The Inter-American Development Bank funded the platform with USD 2.1 million, and the glossary is published under an open licence for other regions.
"""),
    ("C7-EMP", "Decent work and financial independence for women garment workers through Sanchay Wallet", """\
For the women who sew Bangladesh's export garments, a regular wage has not meant financial independence. Many of the workers in Gazipur and Narayanganj hand their pay to relatives or lose it to moneylender debts. Jatra Fintech Foundation created Sanchay Wallet so that each worker holds savings in her own name, on her own phone, protected by her national ID.

The wallet is now in 37 factories. Of its 64,000 holders, 81% are women, and together they have accumulated BDT 410 million. Loans of up to BDT 30,000 are used for children's school fees, sewing machines for home businesses and emergencies; 18,200 have been repaid. Research by BIGD showed that within a year users' borrowing from moneylenders fell by half, and that women with savings were more likely to ask for promotion or training.

Financial lessons are given by 150 peer trainers elected by their co-workers, many of whom have since become line supervisors. The pilot was backed by UNCDF with USD 1.2 million and connected to factories through BGMEA, and the payment rails are provided by bKash.
"""),
    ("C4", "Preparing 1,900 teachers in northern Jordan for blended classrooms", """\
Technology does not change a classroom unless teachers know what to do with it. When Noor Education Initiative started Sanad Learn in the double-shift schools of Mafraq and Irbid, most teachers had never taught with digital material, and many were handling classes of more than 45 pupils, including children who had missed years of school after fleeing Syria.

Together with the Ministry of Education's Queen Rania Teacher Academy, we built a professional development path of 60 hours: using the offline school server, assigning video lessons, reading the progress dashboard and running small tutoring groups. Since 2020, 1,900 teachers in 128 schools have completed it, and 310 have become coaches for their colleagues. Their 46,500 pupils now learn with blended lessons, and in the 2022 national assessment Grade 6 mathematics results rose 23% above comparable schools.

The course is accredited, so teachers earn credit towards promotion, which kept drop-out from training below 6%. The programme was financed by the EU Madad Fund, and the Academy plans to offer the course to all governorates from 2025.
"""),
    ("C3", "No one left behind: accessible volcano warnings for Albay's most vulnerable residents", """\
Warnings only save lives if everyone can receive and understand them. Around Mayon Volcano, the Kaligtasan Tech Collective found that elderly people living alone, deaf residents and families without a mobile phone were the last to evacuate. Bantay Mayon was therefore designed as an information service for all: alerts in Bikol and Filipino by SMS and cell broadcast, 31 sirens with light beacons for deaf residents, and voice calls to landlines of households registered as needing help.

In the 27 barangays of the danger zones, 420 youth volunteers keep a list of 2,300 persons with disabilities and older residents and visit them when an alert is issued. In the 2023 eruption, 212 warnings were sent and 11,400 families evacuated with around three hours to spare, and every person on the assistance list reached an evacuation centre.

The sensors that trigger the alerts are maintained by Bicol University with PHIVOLCS, and Australia's DFAT financed the system with AUD 1.3 million. We have shared our accessible alert guidelines with the Office of Civil Defense for national use.
"""),
    ("C7-GOV", "Digital record-keeping for Ghana's local assemblies", """\
Ghana's local assemblies manage a large share of public investment, but many still keep budget records on paper in the finance office, where they are hard to find even for their own staff. As part of OpenAssembly Ghana, the Sankofa Open Data Hub helped 43 assemblies in the Ashanti and Bono regions move their budget statements and payment vouchers into a shared digital system.

Data clerks scan and verify the records, which are then published as open data. Finance officers now answer audit queries in hours instead of weeks, and 11 assemblies upload their figures directly each month instead of sending paper copies. Since 2021, 2,600 datasets covering GHS 1.9 billion in spending have been released, and 160 assembly members were trained to use them when approving budgets.

We work under the standards of the Office of the Head of Local Government Service and the Ghana Statistical Service, with students of KNUST supporting the data work. Funding came from the World Bank's eTransform Ghana project. The aim for 2025 is for all 261 assemblies to report through the same system.
"""),
    ("C8", "Herders' stories in the library: recording Mongolia's local oral heritage with Nomad Shelf", """\
In the soums of Khövsgöl and Arkhangai, the stories that grandparents tell in the ger, about a mountain's spirit, a famous horse or the founding of a camp, were rarely written down and are fading as families move to towns. When the Tuuli Library Foundation set up Nomad Shelf, its digital library for herder children, we decided that the children should find their own culture on the shelf beside translated classics.

Teachers and pupils from 22 soum schools and 37 seasonal camps interviewed elders and recorded more than 2,000 folk tales, songs and local histories, including several in the Darkhad and Tsaatan dialects, which were transcribed with help from the Mongolian National University of Education. The recordings are available as audiobooks on the same solar-powered kits, and they are among the most borrowed of the 210,000 loans made since 2021.

The National Library of Mongolia has archived the recordings as part of the national heritage collection. The project is financed by The Asia Foundation's Books for Asia programme, and the recordings are published under an open licence.
"""),
]

# (e) another organisation's different project on the same topic in the same country as BASE[i];
# also the first project of (f) (with its organisation's "About us") and of (g).
SAME_TOPIC: list[Project] = [
    Project("Colectivo Chaski Datos", "PE", "C7-GOV", "Municipio Móvil Cajamarca: municipal services by WhatsApp", """\
Municipio Móvil is a WhatsApp and web service through which residents of the province of Cajamarca report problems and request municipal services: rubbish collection, broken street lights, water cuts and the renewal of business licences. Each report receives a tracking number, is routed to the responsible office of the Provincial Municipality of Cajamarca and is answered within 72 hours.

Since it opened in March 2022, 36,800 reports have been filed and 88% were resolved within the promised time. Business licences are renewed in two days instead of three weeks, which 4,100 small shops have used. An open dashboard shows each office's response times.

Colectivo Chaski Datos developed the service with the municipality and follows the standards of the Digital Government Secretariat of the Presidency of the Council of Ministers. It was funded by the Swiss Agency for Development and Cooperation with CHF 700,000 through its Andean regional programme, and the code is published on Peru's national open-source software repository.
"""),
    Project("Meghna Digital Finance Trust", "BD", "C7-BUS", "Nodi Pay: mobile payments and storm insurance for fishers in Bhola", """\
Nodi Pay helps hilsa fishers on Bhola island receive payments from wholesalers by mobile money instead of cash and insure their boats and nets against storms. Fishers register at the landing ghats with their national ID and fisher card; buyers pay into the wallet, and a micro-insurance premium of BDT 20 per week is deducted automatically during the season.

Since 2021, 21,400 fishers at 58 landing ghats have joined. Payments worth BDT 1.3 billion have gone through the wallet, and after Cyclone Sitrang in 2022 the scheme paid 3,900 claims within ten days. During the annual fishing ban, the government's rice and cash support is also paid into the same wallet.

The service was built on Nagad's platform with Green Delta Insurance, and the Department of Fisheries provides the fisher registry. It was financed by the Asian Development Bank's technical assistance for coastal livelihoods with USD 800,000, and Meghna Digital Finance Trust runs help desks in six upazilas.
"""),
    Project("Jordan Learning Bridges", "JO", "C7-LRN", "Tawjihi Online: exam preparation for secondary students in Karak and Tafileh", """\
Tawjihi Online prepares Grade 11 and 12 students in the southern governorates of Karak, Tafileh and Ma'an for the Tawjihi general secondary examination. Students follow live evening classes with experienced teachers from Amman, ask questions in moderated forums and take weekly mock exams that are marked automatically, with an explanation of every wrong answer.

Since 2021, 8,700 students from 64 secondary schools have enrolled, 58% of them girls. The pass rate of participating schools rose from 47% to 61% in two years, and 1,150 students from low-income families received free data bundles.

Jordan Learning Bridges developed the platform with the Ministry of Education's directorates in the three governorates and with Mutah University, whose students act as online tutors. It was funded by USAID's Jordan education programme with USD 1.1 million, and Zain Jordan provides the data bundles. Recorded classes are available free of charge to all Jordanian students.
"""),
    Project("Cordillera Resilience Lab", "PH", "C7-ENV", "Guho Alert: landslide warnings for vegetable farming towns in Benguet", """\
Guho Alert warns farming communities in the mountains of Benguet of landslides during typhoons and heavy monsoon rain. Soil moisture and tilt sensors on 36 unstable slopes in La Trinidad, Atok and Buguias send readings every ten minutes; when they cross a threshold, residents receive SMS alerts in Ilocano and Kankanaey and barangay officials are called by an automatic voice system.

Since 2020, the system has issued 94 alerts and supported 41 pre-emptive evacuations of 6,200 people, including during Typhoon Egay in 2023, when two monitored slopes collapsed after the villages had been cleared. Farmers also receive rainfall forecasts to plan their harvests.

The Cordillera Resilience Lab designed the system with the Mines and Geosciences Bureau, PAGASA and Benguet State University. It was funded by the Japan International Cooperation Agency with PHP 38 million, and the municipal disaster risk reduction offices now maintain the sensors.
"""),
    Project("Nkabom Civic Tech", "GH", "C3", "Open Contracts Accra: public procurement data for Greater Accra", """\
Open Contracts Accra publishes every public contract awarded by the assemblies of the Greater Accra Region, from road repairs to school furniture, following the Open Contracting Data Standard. Tender notices, bids, awards and payments are linked in one record per contract, and residents can follow a contract from its announcement to its completion and report problems with a photo.

Since 2022, 5,300 contracts worth GHS 740 million from 29 assemblies have been published. Red-flag analysis found 212 contracts with a single bidder or unusual price changes, which the Public Procurement Authority reviewed. The average number of bidders per tender rose from 2.1 to 3.4.

Nkabom Civic Tech runs the platform with the Public Procurement Authority and the Ghana Anti-Corruption Coalition, and trained 95 procurement officers to publish their data directly. It was funded by the UK Foreign, Commonwealth and Development Office with GBP 420,000, and all data are open under a Creative Commons licence.
"""),
    Project("Erdem Archive Society", "MN", "C8", "Gandan Digital Sutra Library: Mongol script manuscripts online", """\
The Gandan Digital Sutra Library digitises and publishes the Buddhist and historical manuscripts held in the monasteries of Ulaanbaatar, many of them written in classical Mongol script and Tibetan. Conservators photograph each folio in high resolution, scholars catalogue it, and the images and transcriptions are published in an online library that can be searched in Cyrillic, Mongol script and English.

Since 2020, 48,000 folios from 1,350 manuscripts have been digitised, and the library has had 320,000 visits from 74 countries. Volunteers transcribed 6,100 pages into Unicode Mongol script with a crowdsourcing tool, and 15 fragile texts were restored.

Erdem Archive Society works with Gandan Monastery, the Institute of Language and Literature of the Mongolian Academy of Sciences and the National University of Mongolia. The project was funded by the Arcadia Fund with GBP 310,000, and copies of all images are deposited with the British Library's Endangered Archives Programme.
"""),
]

# (f) the "About us" paragraph each SAME_TOPIC organisation pastes into every submission, and
# that organisation's other, different project.
ABOUT_US: dict[str, str] = {
    "Colectivo Chaski Datos": "About us: Colectivo Chaski Datos is a civic technology collective founded in Lima in 2014 by engineers, designers and public servants. We have built 23 digital services with municipalities and regional governments in Peru, all of them open source, and we are a member of the Open Government Partnership's civil society network and of Code for All.",
    "Meghna Digital Finance Trust": "About us: Meghna Digital Finance Trust is a non-profit established in Dhaka in 2016 to bring formal financial services to rural and coastal Bangladesh. Our 180 staff and 900 agents work in 14 districts. We are licensed as a microfinance institution by the Microcredit Regulatory Authority and are a member of the Alliance for Financial Inclusion network.",
    "Jordan Learning Bridges": "About us: Jordan Learning Bridges is a Jordanian non-governmental organisation founded in 2013 to widen access to quality education in the governorates outside Amman. Our team of 64 educators and developers has served more than 90,000 learners. We are registered with the Ministry of Social Development and partner with four Jordanian universities.",
    "Cordillera Resilience Lab": "About us: The Cordillera Resilience Lab is a non-stock, non-profit research and technology organisation based in Baguio City since 2015. We design low-cost monitoring systems with indigenous and upland communities of Northern Luzon, and our 40 engineers and social scientists have worked in every province of the Cordillera Administrative Region.",
    "Nkabom Civic Tech": "About us: Nkabom Civic Tech is a Ghanaian social enterprise founded in Accra in 2017 that builds open-source tools for transparency and citizen participation. Our team of 28 developers, data analysts and journalists has worked with 60 public institutions, and we are a member of the Open Contracting Partnership's helpdesk network in West Africa.",
    "Erdem Archive Society": "About us: Erdem Archive Society is a Mongolian non-governmental organisation founded in Ulaanbaatar in 2011 by archivists, historians and photographers. We preserve and share Mongolia's documentary heritage through digitisation, conservation training and open online collections, and have worked with 35 monasteries, museums and aimag archives across the country.",
}

OTHER_PROJECT: list[Project] = [
    Project("Colectivo Chaski Datos", "PE", "C7-ENV", "Agua Clara Cajamarca: community monitoring of drinking water quality", """\
Agua Clara Cajamarca helps rural water boards, the Juntas Administradoras de Servicios de Saneamiento, check the quality of the water they supply. Low-cost sensors installed in 85 village water tanks measure chlorine, turbidity and pH every hour and send the readings over the mobile network; when chlorine falls too low, the board's operator receives an SMS with instructions for dosing.

Since 2023, the share of tanks with adequate chlorine has risen from 31% to 78%, and health posts in the districts of Bambamarca and Celendín reported 40% fewer cases of diarrhoea in children under five. Operators of 85 boards, 39 of them women, were trained to maintain the sensors.

The readings are published as open data and shared with the Regional Health Directorate. The project is financed by the Fondo Ítalo Peruano with PEN 1.6 million, and the sensors were designed with the Universidad Nacional de Cajamarca.
"""),
    Project("Meghna Digital Finance Trust", "BD", "C7-AGR", "Haor Krishi Loan: digital crop loans for rice farmers in Sunamganj", """\
Haor Krishi Loan gives rice farmers in the haor wetlands of Sunamganj and Netrokona seasonal loans for seed, fertiliser and irrigation without a trip to a bank branch. Farmers apply through a field agent's tablet; the credit decision uses their land records, past harvests and satellite images of their plots, and the money arrives in their mobile wallet within three days.

Since the 2022 boro season, 12,600 farmers have received loans worth BDT 520 million, with an average of BDT 41,000. Repayment after the harvest reached 96%. Because flash floods threaten the haor crops every April, each loan includes flood cover that pays out when the satellite data show a plot under water.

The programme is run with Sonali Bank, which provides the credit, and with the Bangladesh Rice Research Institute, which advises farmers on flood-tolerant varieties. It is funded by the International Fund for Agricultural Development with USD 1.5 million.
"""),
    Project("Jordan Learning Bridges", "JO", "C4", "Code Camp Ma'an: coding bootcamps for young women in southern Jordan", """\
Code Camp Ma'an offers sixteen-week coding bootcamps to young women aged 18 to 30 in Ma'an and Aqaba, where few technology jobs are advertised locally and families are often unwilling to let daughters move to Amman to study. The course teaches web development, databases and freelancing skills, with classes in the afternoon so that participants can combine them with family duties.

Since 2022, five cohorts with 240 women have graduated. Six months after graduation, 57% earned an income from technology work, most of them as remote freelancers for clients in the Gulf, and 22 started their own small agencies. A childcare corner at the training centre is used by a third of participants.

The bootcamp is run with Al-Hussein Bin Talal University, which provides the classrooms, and with five Amman software firms that offer paid internships. It was funded by the Canadian government's Women's Voice and Leadership programme with CAD 600,000.
"""),
    Project("Cordillera Resilience Lab", "PH", "C7-AGR", "Payoh Water: irrigation monitoring for the rice terraces of Ifugao", """\
Payoh Water helps farmers of the Ifugao rice terraces manage the irrigation water on which the terraces depend. Flow meters on 52 mountain springs and canals measure the water reaching the terraces in Banaue, Hungduan and Kiangan, and farmers' associations receive a weekly SMS with the flow, the expected rainfall and advice on when to repair walls and channels.

Since 2021, the associations have used the data to repair 3.4 kilometres of channels and to share water during the 2023 dry season, when 210 hectares of terraces that would have been abandoned were planted. Earthworm and landslide damage to walls is now reported by photo through a simple app.

The project works with the Ifugao provincial government, the Save the Ifugao Terraces Movement and Ifugao State University. It was funded by the Food and Agriculture Organization's Globally Important Agricultural Heritage Systems programme with USD 420,000, and young farmers maintain the meters.
"""),
    Project("Nkabom Civic Tech", "GH", "C7-GOV", "Parliament Watch Ghana: votes, questions and constituency funds of every MP", """\
Parliament Watch Ghana lets citizens see how their Member of Parliament works: attendance, votes, questions asked in the House and how the MP's share of the District Assemblies Common Fund has been spent in the constituency. The information comes from the Hansard, the Votes and Proceedings and assembly records, and is published on a website, on WhatsApp and in a weekly radio segment in Twi, Ewe and Dagbani.

Since the 2021 session, profiles of all 275 MPs have been online, with 11,000 recorded votes and 4,300 questions. The site has 1.2 million page views a year, and 38 radio stations use its weekly summaries. After publication of attendance figures, average attendance rose from 71% to 83%.

Nkabom Civic Tech works with the Parliament of Ghana's public affairs department and the Centre for Democratic Development. The project is funded by the Open Society Initiative for West Africa with USD 380,000.
"""),
    Project("Erdem Archive Society", "MN", "C8", "Morin Khuur Sound Archive: recordings of Mongolian traditional music", """\
The Morin Khuur Sound Archive collects and publishes recordings of Mongolian traditional music: horsehead fiddle tunes, long songs, throat singing and the praise songs of herders. Many recordings exist only on reel-to-reel and cassette tapes kept by the Mongolian National Broadcaster and by aimag culture centres, and they are deteriorating quickly.

Since 2022, 4,800 hours of tape have been digitised, and 9,200 tracks have been described with the performer, place and year and published in an online archive with streaming in Mongolian and English. Field teams also recorded 310 elderly performers in Zavkhan, Govi-Altai and Khovd.

Erdem Archive Society works with the Mongolian State University of Arts and Culture and the Mongolian National Broadcaster, whose archive staff were trained in audio digitisation. The project was funded by the Prince Claus Fund and the Embassy of the Federal Republic of Germany with EUR 260,000. Music schools use the archive for teaching.
"""),
]

# (g) another organisation's project with a different aim, in the same country and with the
# same donor or programme as SAME_TOPIC[i].
SAME_DONOR: list[Project] = [
    Project("Cooperativa Digital Selva Norte", "PE", "C7-AGR", "Café Trazable Amazonas: traceability for smallholder coffee", """\
Café Trazable Amazonas gives smallholder coffee growers in the Amazonas region a digital record of every lot they sell, so that buyers in Europe can verify that the coffee was grown without deforestation, as the new European Union regulation requires. Cooperative staff map each farm's boundaries with a phone, and each delivery is registered with a QR code that follows the lot from the farm to export.

Since 2022, 3,700 farms in Rodríguez de Mendoza and Luya provinces have been mapped, and 9,800 tonnes of coffee were exported with full traceability. Growers with traceable lots received a premium of USD 0.18 per kilogram.

The system was developed by Cooperativa Digital Selva Norte with four coffee cooperatives and the National Forest and Wildlife Service, which checks the maps against satellite deforestation data. It is funded by the Swiss Agency for Development and Cooperation through its Andean regional programme with CHF 900,000.
"""),
    Project("Sundarbans Tech Collective", "BD", "C7-AGR", "Lona Pani Watch: salinity alerts for shrimp and rice farmers in Satkhira", """\
Lona Pani Watch monitors the salinity of rivers and canals in Satkhira and Khulna districts and tells shrimp and rice farmers when water is safe to take into their ponds and fields. Thirty-two sensors send readings every hour, and farmers receive voice messages in Bangla with the salinity at the nearest sluice gate and a seven-day forecast.

Since 2021, 18,300 farmers have subscribed. Rice farmers who followed the alerts lost 27% less of their aman harvest to salt water, and shrimp farmers reported fewer disease outbreaks after timing water exchange to the forecasts.

The sensors were installed with the Bangladesh Water Development Board, and the forecasts are produced with the Institute of Water Modelling. The Asian Development Bank funded the project with USD 650,000 through its technical assistance for coastal livelihoods, and the union parishads now pay for the voice messages.
"""),
    Project("Amman Water Innovators", "JO", "C7-ENV", "Qatra: smart water meters and leak alerts for households in Zarqa", """\
Qatra installs smart water meters in homes in Zarqa, one of the most water-stressed cities in the world, where households receive piped water only one or two days a week and store it in rooftop tanks. The meters detect leaks and overflowing tanks and send an SMS to the family, and a mobile app shows daily consumption compared with similar households.

Since 2022, 14,500 meters have been installed. Households using the app reduced their consumption by 12%, and 6,900 leaks were repaired, saving an estimated 410,000 cubic metres of water a year. Low-income families receive a free plumbing visit after a leak alert.

The project is carried out with the Water Authority of Jordan and the Zarqa water utility, Miyahuna, which uses the data to plan supply schedules. It is funded by USAID's Jordan water programme with USD 1.8 million.
"""),
    Project("Visayas Mobility Lab", "PH", "C7-BUS", "SakayNa: online ticketing for inter-island ferries in Cebu and Bohol", """\
SakayNa lets passengers buy tickets for inter-island ferries between Cebu, Bohol and Siquijor online, by mobile wallet or at partner convenience stores, instead of queuing for hours at the port. Ferry operators receive a shared reservation system that also produces the passenger manifests required by the Maritime Industry Authority and the Philippine Coast Guard.

Since 2021, 19 ferry operators on 34 routes have joined, and 2.7 million tickets have been sold through the system. Waiting time at Cebu's Pier 1 fell from an average of 95 minutes to 20, and manifests are now complete and digital for every departure.

The platform was developed by Visayas Mobility Lab with the Philippine Ports Authority and GCash. It was funded by the Japan International Cooperation Agency with PHP 52 million as part of its support to maritime safety in the Visayas, and operators pay a fee of PHP 5 per ticket.
"""),
    Project("Volta Mothers Health Initiative", "GH", "C7-HLT", "Mama Check: SMS and voice reminders for antenatal care in the Volta Region", """\
Mama Check sends pregnant women in the Volta and Oti regions weekly voice and SMS messages in Ewe, Twi and English about their pregnancy, reminders of antenatal visits and warnings about danger signs that need a clinic at once. Midwives register women at their first visit, and missed appointments are flagged to community health nurses, who follow up at home.

Since 2021, 52,000 women have been enrolled at 140 health facilities. The share of women attending at least four antenatal visits rose from 61% to 84%, and facility deliveries rose by 19% in participating districts.

The service is run with the Ghana Health Service's regional directorates and the University of Health and Allied Sciences in Ho. It was funded by the UK Foreign, Commonwealth and Development Office with GBP 560,000, and the Ghana Health Service plans to take it over from 2025.
"""),
    Project("Taiga Guardians Mongolia", "MN", "C7-ENV", "Taiga Watch: reporting illegal logging in Selenge and Bulgan", """\
Taiga Watch equips forest user groups in Selenge and Bulgan provinces with a mobile app to report illegal logging, forest fires and pests. Rangers and herders photograph the site, and the report with its location is sent to the soum environmental inspector and shown on a public map; reports can be stored offline and sent when a network is found.

Since 2021, 1,480 reports have been filed by 96 forest user groups. Inspectors followed up 71% of them within a week, and 38 illegal logging operations were stopped. Satellite analysis shows forest loss in monitored areas fell by half compared with neighbouring forests.

Taiga Guardians Mongolia runs the programme with the Ministry of Environment and Tourism and the Forest Research and Development Centre. It was funded by the Arcadia Fund with GBP 280,000, and the app has been adopted by the national forest agency for all provinces.
"""),
]

# (h) three funder templates (headings and stock phrases every applicant keeps), each filled in
# by four organisations with unrelated projects; pairs: the 1st and 2nd, the 3rd and 4th.
TEMPLATES: list[str] = [
    """\
Project title: {name}
Lead organisation: {org} ({place})

1. The challenge. {problem}

2. Our digital solution. {solution} The solution is user-centred, built on open standards and designed for scale, in line with the Principles for Digital Development.

3. Results and impact to date. {results}

4. Partnerships. {partners} The project is delivered through a multi-stakeholder partnership of government, the private sector and civil society.

5. Sustainability. The project contributes to the Sustainable Development Goals and to the WSIS Action Lines, and is committed to leaving no one behind.
""",
    """\
Executive summary: {name} is implemented by {org} in {place} with the support of the Connected Futures Innovation Fund.

Context and problem statement: {problem}

Innovation: {solution}

Key achievements: {results}

Gender and inclusion: the project mainstreams gender equality and actively targets women, youth and persons with disabilities.

Partners: {partners} Lessons learned will be documented and shared with the wider digital development ecosystem.
""",
    """\
This application is submitted as part of the 2023 cohort of the Digital Transformation Accelerator, which supports digital public goods that governments can adopt at scale.

Problem we solve: {problem}

What we built: {solution}

Who benefits and what changed: {results}

Who we work with: {partners}

Why it matters: digital transformation must be inclusive, affordable and safe. {name} shows how a locally owned solution can be replicated in other countries of the region.
""",
]

# (template, entity, country, category, name, place, problem, solution, results, partners)
TEMPLATE_FILLS: list[tuple[int, str, str, str, str, str, str, str, str, str]] = [
    (0, "Sunu Santé Numérique", "SN", "C7-HLT", "Dossier Santé Thiès: electronic patient records for health posts", "Thiès Region, Senegal",
     "Health posts in the Thiès Region keep patient records in paper registers, so a patient's history is lost when she moves or is referred, and district teams wait weeks for monthly reports.",
     "We built an electronic patient record that runs on tablets at the health post, works offline and sends anonymised indicators each night to the district health information system, DHIS2.",
     "Since 2022, 74 health posts have recorded 310,000 consultations for 128,000 patients. Referral letters now arrive with the patient's history, and monthly reports reach the district in two days instead of six weeks.",
     "We work with the Thiès Regional Health Directorate, the health informatics unit of Université Cheikh Anta Diop and Sonatel, which provides connectivity."),
    (0, "Mekong AgriTech Hub", "VN", "C7-AGR", "Lua Thong Minh: irrigation advice for rice farmers in the Mekong Delta", "An Giang and Dong Thap, Vietnam",
     "Rice farmers in the Mekong Delta keep their fields flooded all season, using far more water and fertiliser than needed, while salt intrusion in the dry season is getting worse.",
     "Farmers receive Zalo messages telling them when to drain and re-flood their fields, based on cheap water-level tubes read with a phone camera and on salinity forecasts.",
     "In four seasons since 2021, 9,600 farmers on 14,000 hectares adopted alternate wetting and drying, cutting irrigation pumping by 30% and emissions by an estimated 38,000 tonnes of CO2 equivalent, with yields unchanged.",
     "Partners are the An Giang Department of Agriculture and Rural Development, Can Tho University and the Loc Troi Group, which buys the rice."),
    (0, "Corporación Reúso", "CO", "C7-ENV", "Reciclatón Digital: e-waste collection with Medellín's recyclers", "Medellín, Colombia",
     "Old phones and computers in Medellín end up in landfills or are burned for their copper, exposing informal recyclers and their neighbours to toxic smoke.",
     "An app lets households and offices book a pick-up of electronic waste; recyclers from local cooperatives collect it, are paid per kilogram by mobile transfer and deliver it to a licensed treatment plant.",
     "Since 2022, 410 tonnes of electronic waste have been collected from 23,000 households, and 180 informal recyclers, 60% of them women, now earn a regular income with social security.",
     "We work with the Mayor's Office of Medellín, the recyclers' association ARRECICLAR and Empresas Públicas de Medellín."),
    (0, "Kuwala Energy Malawi", "MW", "C7-BUS", "PowaPay: pay-as-you-go solar power for villages in Mzimba", "Mzimba and Nkhata Bay districts, Malawi",
     "Only one household in ten in rural Malawi has electricity, and families spend a large share of their income on paraffin and on charging phones.",
     "Households get a solar home system and pay for it in small amounts by Airtel Money; a remote switch unlocks it for as many days as they have paid, and after 24 months they own it.",
     "Since 2021, 17,800 households and 120 small shops have been connected. Families save about MWK 6,000 a month on paraffin, and children study on average 1.5 hours more each evening.",
     "Partners are Airtel Malawi, the Malawi Energy Regulatory Authority and Mzuzu University, which trains local technicians."),
    (1, "Inclusive Tech Uzbekistan", "UZ", "C3", "Koz Yordam, a talking public services app for blind citizens,", "Tashkent and Samarkand, Uzbekistan",
     "About 60,000 blind and visually impaired people in Uzbekistan could not use most government websites and apps, and needed a relative to read every letter and fill in every form for them.",
     "Koz Yordam is a voice app in Uzbek and Russian that reads official letters aloud from a photo, fills in forms on the my.gov.uz portal by voice and connects users to a volunteer by video when they need help.",
     "Since 2022, 7,400 blind users have completed 52,000 public service requests with the app, and 1,300 volunteers answered 18,000 video calls. Eleven government websites were made accessible after our audits.",
     "The Society of the Blind of Uzbekistan, the Ministry of Digital Technologies and the mobile operator Ucell."),
    (1, "Pacific Island Health Link", "FJ", "C7-HLT", "Boat Clinic Connect, a telehealth service for the Lau islands,", "the Lau Group, Fiji",
     "The 10,000 people of the Lau islands are served by nursing stations without doctors, and a medical evacuation to Suva by boat or plane costs thousands of dollars and can take days.",
     "Nursing stations received satellite internet, solar power and diagnostic kits, so that nurses hold video consultations with doctors at Colonial War Memorial Hospital and share ultrasound images and test results.",
     "Since 2021, 16 nursing stations have held 5,200 teleconsultations. Medical evacuations fell by 42%, saving FJD 1.1 million, and every pregnant woman on the islands now has an ultrasound scan.",
     "The Fiji Ministry of Health and Medical Services, Telecom Fiji and the Fiji National University."),
    (1, "Najma Digital Crafts", "TN", "C7-BUS", "Souk Artisanat, an online shop for women artisans,", "Médenine and Tataouine, Tunisia",
     "Women weavers and potters in Médenine and Tataouine sell their work through middlemen who pay them a small part of the final price, and have no way to reach customers abroad.",
     "An online shop with product photography, international shipping and card payments lets artisans sell directly; each artisan manages her own catalogue and is paid into her postal account.",
     "Since 2021, 640 artisans have sold 31,000 items to customers in 38 countries. Their average income from crafts tripled, and 92 young women were trained as photographers and shop managers.",
     "La Poste Tunisienne, the National Office of Handicrafts and Tunisair Express for air freight."),
    (1, "Asociación Comunicadores Mayas", "GT", "C9", "Radio Tz'ikin, a community radio network in Mayan languages,", "Quiché and Huehuetenango, Guatemala",
     "Most radio, television and internet content in Guatemala is in Spanish, although millions of people speak K'iche', Mam and other Mayan languages as their first language.",
     "Fourteen community radio stations produce news, health and farming programmes in K'iche' and Mam, broadcast them on FM and publish them as podcasts and in WhatsApp groups for migrants abroad.",
     "Since 2020, the network has produced 3,900 programmes and reaches an estimated 420,000 listeners a week. During the COVID-19 pandemic its health messages were the only official information many villages received in their own language.",
     "The Academy of Mayan Languages of Guatemala, the Ministry of Public Health and Rafael Landívar University."),
    (2, "Arewa Land Tech", "NG", "C7-GOV", "LandProof Kaduna", "Kaduna State, Nigeria",
     "Most farmers in Kaduna State hold their land under customary rights without any document, so they cannot use it as collateral and are exposed to disputes and land grabs.",
     "Field teams map each plot with GPS in the presence of neighbours and the traditional ruler, and the Kaduna Geographic Information Service issues a digital certificate of occupancy that the farmer can verify by SMS.",
     "Since 2021, 46,000 plots have been mapped and 31,000 certificates issued, a third of them to women. Land disputes reported to traditional councils fell by 60%, and 4,200 farmers used their certificate to obtain a bank loan.",
     "The Kaduna Geographic Information Service, the emirate councils of Zaria and Kaduna, and Ahmadu Bello University."),
    (2, "Khmer Digital Safety", "KH", "C5", "CyberSafe Schools", "Phnom Penh, Siem Reap and Battambang, Cambodia",
     "Cambodian teenagers spend hours a day on Facebook and TikTok, but schools teach nothing about scams, cyberbullying or protecting personal data, and reports of online exploitation are growing.",
     "A ten-lesson online safety course in Khmer with videos and games, teachers trained to deliver it, and a chat helpline where students can report abuse anonymously.",
     "Since 2022, 38,000 students in 210 secondary schools in Phnom Penh, Siem Reap and Battambang have completed the course, and 1,400 teachers were trained. The helpline has handled 2,900 cases, 160 of which were referred to the police.",
     "The Ministry of Education, Youth and Sport, the Ministry of Posts and Telecommunications and Smart Axiata."),
    (2, "Fundación Jaqi Digital", "BO", "C4", "Runa Code", "El Alto, Bolivia",
     "Young people in El Alto, most of them from Aymara families, face high unemployment, while Bolivian software companies say they cannot find enough junior developers.",
     "A free nine-month course in web and mobile development, taught in Spanish with support in Aymara and followed by a paid internship, held in three community centres with donated computers.",
     "Since 2021, 520 young people have graduated, 46% of them women, and 71% were employed in technology jobs within six months, at salaries on average three times the minimum wage.",
     "The Municipal Government of El Alto, the Universidad Pública de El Alto and twelve software companies in La Paz."),
    (2, "Zambia Civic Registration Trust", "ZM", "C7-GOV", "Mwana Registry", "Eastern Province, Zambia",
     "Fewer than one child in five in rural Zambia has a birth certificate, which is needed later for school examinations, a national registration card and inheritance.",
     "A mobile application with which health workers register births at the clinic or during immunisation visits; the record goes directly to the national registry, and the certificate is printed at the district office within a week.",
     "Since 2022, 88,000 births have been registered in nine districts of Eastern Province, and the birth registration rate rose from 14% to 52%. Late registration of 21,000 older children was completed through schools.",
     "The Department of National Registration, Passport and Citizenship, the Ministry of Health and UNICEF Zambia."),
]


def _templated(n: int) -> Project:
    template, entity, country, category, name, place, problem, solution, results, partners = TEMPLATE_FILLS[n]
    text = TEMPLATES[template].format(name=name, org=entity, place=place, problem=problem,
                                      solution=solution, results=results, partners=partners)
    return Project(entity, country, category, name.strip(" ,"), text)


# -- the pairs: the second text is checked against the first, as the service does --

def _with(project: Project, **changes: str) -> Project:
    return Project(**{**project.__dict__, **changes})


def _with_about(project: Project) -> Project:
    return _with(project, text=f"{project.text.rstrip()}\n\n{ABOUT_US[project.entity]}\n")


def same_project_pairs() -> list[Pair]:
    a, b, c, d = SAME_KINDS
    pairs = []
    for i, base in enumerate(BASE):
        title, text = PARAPHRASE[i]
        pairs.append(Pair(a, True, base, _with(base, title=title, text=text)))
        partner, category, title, text = PARTNER[i]
        pairs.append(Pair(b, True, base, Project(partner, base.country, category, title, text)))
        title, text = SUMMARY[i]
        pairs.append(Pair(c, True, base, _with(base, title=title, text=text)))
        category, title, text = OTHER_CATEGORY[i]
        pairs.append(Pair(d, True, base, _with(base, category=category, title=title, text=text)))
    return pairs


def different_project_pairs() -> list[Pair]:
    e, f, g, h = DIFFERENT_KINDS
    pairs = [Pair(e, False, BASE[i], SAME_TOPIC[i]) for i in range(len(BASE))]
    pairs += [Pair(f, False, _with_about(SAME_TOPIC[i]), _with_about(OTHER_PROJECT[i]))
              for i in range(len(SAME_TOPIC))]
    pairs += [Pair(g, False, SAME_TOPIC[i], SAME_DONOR[i]) for i in range(len(SAME_TOPIC))]
    pairs += [Pair(h, False, _templated(n), _templated(n + 1)) for n in range(0, len(TEMPLATE_FILLS), 2)]
    return pairs


def all_pairs() -> list[Pair]:
    return same_project_pairs() + different_project_pairs()


def name(pair: Pair) -> str:
    """A pair in one line: its kind's letter and the two titles' project names."""
    def short(project: Project) -> str:
        return project.title.split(":")[0]
    return f"({pair.kind[0]}) {short(pair.first)} [{pair.first.entity}] / {short(pair.second)} [{pair.second.entity}]"
