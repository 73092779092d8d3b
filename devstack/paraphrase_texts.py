# ruff: noqa: E501  (prose: one line per paragraph)
"""Hand-written project texts for the duplicate corpus (see paraphrase_pairs.py): sixteen
ICT4D projects in eight topic pairs, and for some of them a sentence-by-sentence paraphrase, a
summary, a partner's introduction and a reworded title; four organisations' "About us"
paragraphs and three application templates that different organisations share. Fictional
organisations and projects; real places, donors and plausible figures, as real entries have."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Project:
    entity: str
    country: str
    category: str
    title: str
    text: str  # the description: paragraphs separated by blank lines


PROJECTS: list[Project] = [
    Project("AfyaLink Foundation", "KE", "C7-HLT", "AfyaLink Remote Consult: specialist care for Kisumu's rural clinics", """\
AfyaLink Remote Consult connects 46 rural health centres in Kisumu and Siaya counties with specialists at Jaramogi Oginga Odinga Teaching and Referral Hospital. Nurses photograph wounds, record ECGs and send cases through a tablet application that works over 2G networks.

Since its launch in March 2020, the service has handled 18,300 consultations, and 71% of the cases were resolved without the patient travelling to Kisumu. Average waiting time for a specialist opinion fell from 11 days to 26 hours. Each clinic received a solar kit, so that consultations continue during power cuts.

The project was funded by USAID with USD 1.4 million over three years and is run together with the County Department of Health and Maseno University, which trained 212 nurses in teleconsultation. The county has now written the service into its health budget for 2024.
"""),
    Project("Mwanga Health Trust", "KE", "C7-HLT", "Daktari Mtandao: a telemedicine network for Turkana", """\
Daktari Mtandao brings doctors to pastoralist communities in Turkana County, where one physician serves more than 20,000 people. Community health volunteers carry rugged smartphones with a triage application and call a duty doctor in Lodwar by video when a case needs it.

Between 2019 and 2022 the network reached 63 villages around Kakuma and Lokichoggio, with 9,750 remote consultations and 1,120 emergency referrals by motorbike ambulance. Maternal deaths in the covered wards dropped by 38%, according to the county health records.

GIZ financed the first phase with EUR 900,000, and Safaricom provided zero-rated data for the application. The triage protocols were written with the Turkana County Government and Moi Teaching and Referral Hospital. Volunteers are paid a monthly stipend, which kept 94% of them active over three years.
"""),
    Project("Shamba Data Cooperative", "KE", "C7-AGR", "Bei Sokoni: daily crop prices by SMS for Nakuru farmers", """\
Bei Sokoni sends smallholder farmers in Nakuru and Nyandarua the day's wholesale prices for potatoes, maize, beans and cabbages from eleven markets, by SMS and through a USSD menu that any phone can use. Traders at the markets enter prices each morning on a simple web form.

In two years the service signed up 27,500 farmers, two thirds of them women. A survey by Egerton University in 2022 found that subscribers sold potatoes at prices 19% higher than neighbours without the service, mostly by choosing the market and the day they sell.

The cooperative built the platform with GIZ support of EUR 350,000 under its agricultural value chain programme, and works with the Kenya Agricultural and Livestock Research Organization on weather advice sent with the prices. Farmer groups pay KES 50 per month since 2023, which covers the SMS costs.
"""),
    Project("Akuafo Connect", "GH", "C7-AGR", "FarmPrice Ghana: market prices and buyers for northern farmers", """\
FarmPrice Ghana gives farmers in the Northern and Upper East regions weekly prices for maize, soybean, sorghum and shea from 14 markets, through voice messages in Dagbani, Gurune and Hausa. Farmers who cannot read can also list their harvest and receive offers from registered buyers.

Since 2021 the platform has registered 41,000 farmers and 380 buyers around Tamale, Bolgatanga and Walewale, and brokered 6,800 tonnes of grain. Farmers using the buyer listings earned on average GHS 1,150 more per season, according to an evaluation by the University for Development Studies.

The International Fund for Agricultural Development supported the project with USD 780,000 through the Northern Rural Growth Programme, and MTN Ghana hosts the voice service. Forty-two extension officers of the Ministry of Food and Agriculture help farmers register.
"""),
    Project("Pagsa Women's Network", "GH", "C4", "Digital Skills for Rural Women in the Upper East Region", """\
This programme teaches rural women in the Upper East Region to use smartphones for their businesses: mobile money, WhatsApp catalogues, market information and online safety. Classes meet twice a week in community centres in Bolgatanga, Navrongo and Bawku, in Gurune and Kusaal.

From 2021 to 2023, 3,600 women completed the twelve-week course, and 480 of them were trained as digital ambassadors who now teach others in their villages. Follow-up interviews found that 62% of graduates use mobile money for their shea butter and basket trade, up from 15% before the course.

The programme was financed by IFAD with USD 410,000 and delivered with the Ghana Investment Fund for Electronic Communications, which lent 150 devices. Each centre has a solar-powered charging station, which also earns a small income for the women's associations that run them.
"""),
    Project("Nari Tech Alliance", "BD", "C4", "Shikkha Sathi: digital learning circles for women in Sylhet", """\
Shikkha Sathi runs learning circles where women in the tea garden communities of Sylhet and Moulvibazar learn to use phones and computers, from sending messages to applying for government services online. Each circle of 20 women meets in a union digital centre with a trained facilitator from the community.

Since 2020, 5,240 women have taken part in 262 circles, and 1,900 of them opened a bKash account for the first time. An assessment with Shahjalal University of Science and Technology found that participants were three times more likely to use online government services than women in comparison villages.

UNDP funded the programme with USD 520,000 through the a2i initiative, which also provided the curriculum on e-services. Tea estate managers gave women two paid hours a week to attend, which was decisive for attendance of 87%.
"""),
    Project("Bangla Connect Trust", "BD", "C2", "Char Schoolnet: internet for schools on the river islands of Kurigram", """\
Char Schoolnet connects secondary schools on the river islands of Kurigram and Gaibandha, where floods cut roads for months each year. A chain of solar-powered microwave relays on bamboo towers carries broadband from the mainland to 58 schools, each with a small computer lab.

Since 2019 the network has served 17,400 students and 640 teachers. Teachers use it for the national e-learning portal Muktopaath, and students sat online mock exams for the first time. The pass rate in the secondary school certificate rose from 54% to 71% in the connected schools.

The project was funded by UNDP with USD 1.1 million and built with Grameenphone, which donated backhaul capacity. The Directorate of Secondary and Higher Education trained the teachers, and each school committee pays BDT 2,000 a month for maintenance.
"""),
    Project("Red Andina de Escuelas", "PE", "C2", "Escuelas Conectadas Puno: broadband for highland schools", """\
Escuelas Conectadas Puno brought broadband to 124 rural schools around Lake Titicaca, at altitudes above 3,800 metres, through a mix of fibre along the highway and point-to-point radio links. Every school received a local server with Quechua and Aymara learning content that works without the internet.

Between 2020 and 2023, 21,600 pupils and 1,050 teachers used the network. The share of teachers using digital content every week rose from 12% to 67%, and school attendance in the rainy season improved because lessons could continue online when paths were flooded.

The Inter-American Development Bank financed the project with USD 3.2 million, and the Regional Education Directorate of Puno pays the connectivity since 2023. The Pontificia Universidad Católica del Perú trained 300 teachers as digital mentors.
"""),
    Project("Instituto Huayco", "PE", "C7-ENV", "Alerta Rímac: early warning of mudslides in the Rímac valley", """\
Alerta Rímac warns families in the Rímac valley east of Lima of mudslides, called huaicos, before they reach their homes. Rain gauges and river level sensors in the upper valley send data every five minutes, and sirens and SMS alerts reach communities in Chosica, Chaclacayo and Matucana.

Since the system went live in January 2021, it has issued 37 alerts, and during the Yaku cyclone in March 2023 it gave 40 minutes of warning that allowed 2,300 people to leave before the slides. The system now covers 96,000 residents.

The Inter-American Development Bank financed the sensor network with USD 640,000, and the National Meteorology and Hydrology Service of Peru (SENAMHI) validates the thresholds. Local brigades of volunteers, trained by the National Institute of Civil Defense, test the sirens every month.
"""),
    Project("Bayanihan Alert", "PH", "C7-ENV", "Baha Watch: community flood warnings for Tacloban", """\
Baha Watch is a flood early warning system built with the barangays of Tacloban and Palo in Leyte, a coast that Typhoon Haiyan devastated in 2013. Low-cost water level sensors on 28 bridges and a network of 140 trained barangay volunteers report conditions to a dashboard at the city disaster office.

Since 2019 Baha Watch has sent 212 warnings by SMS and radio to 71,000 residents. During Typhoon Odette in December 2021, all 19 low-lying barangays were evacuated before the water rose, and no flood deaths were recorded in the covered area.

The Asian Development Bank funded the system with USD 550,000, and Smart Communications sends the warning messages free of charge. The Philippine Atmospheric, Geophysical and Astronomical Services Administration (PAGASA) supplies rainfall forecasts, and the city has adopted the sensors into its annual budget.
"""),
    Project("Iloilo Civic Data Lab", "PH", "C7-GOV", "eBarangay Registry: online civil documents for Iloilo", """\
The eBarangay Registry lets residents of Iloilo City request barangay clearances, certificates of residency and indigency certificates online or at a kiosk, instead of queuing at the barangay hall. Requests are signed digitally by the barangay captain and can be verified with a QR code.

Since it opened in 2022 in all 180 barangays of Iloilo City, the registry has issued 152,000 documents. The average time to obtain a clearance fell from three days to four hours, and the city estimates that residents saved PHP 38 million in travel and lost work.

The Asian Development Bank supported the project with USD 300,000 through its urban governance programme, and the Department of Information and Communications Technology provided cloud hosting. Staff of 180 barangay halls were trained by the Iloilo Science and Technology University.
"""),
    Project("Umurenge Digital", "RW", "C7-GOV", "Serivisi Hafi: sector services at a click in Musanze", """\
Serivisi Hafi puts the services of the 15 sectors of Musanze District online: land transfer requests, building permits, birth registration and marriage certificates. Residents apply by phone through USSD or at the sector office, where an agent helps them, and they pay through mobile money.

From 2021 to 2023 the platform handled 84,000 applications. Building permits are now issued in nine days instead of 45, and every application can be followed by SMS. Complaints about informal payments to officials fell by 60%, according to the district's citizen report card.

The World Bank funded the project with USD 1.7 million as part of its support to decentralisation, and the Rwanda Information Society Authority integrated it with the national identity system. The University of Rwanda trained 210 sector staff, and the district now funds the platform from its own revenue.
"""),
    Project("Isoko Pay Ltd", "RW", "C7-BUS", "Isoko Pay: mobile payments for market traders in Huye", """\
Isoko Pay lets market traders in Huye and Nyanza accept mobile money and keep simple digital records of their sales. Traders use an Android application or a USSD code, and the records build a credit history that Umwalimu SACCO and two microfinance banks accept for small loans.

Since 2020, 8,900 traders have joined, 58% of them women, and they processed payments worth RWF 4.6 billion. More than 2,100 traders received their first loan on the basis of their Isoko Pay records, with a repayment rate of 96%.

The World Bank supported the project with a grant of USD 450,000 from its digital financial inclusion window, and MTN Rwanda reduced transaction fees for registered traders. The National Bank of Rwanda admitted the service to its regulatory sandbox in 2021.
"""),
    Project("Sajha Finance Lab", "NP", "C7-BUS", "Haat Pay: QR payments for rural weekly markets in Nepal", """\
Haat Pay brings QR code payments to the weekly rural markets, called haat bazaars, of Kaski, Syangja and Tanahun districts. Vendors receive a printed QR code linked to a wallet, and the Haat Pay application records sales, stock and the amount owed by regular customers.

Since 2021, 6,300 vendors in 74 haat bazaars have joined, and they received NPR 920 million in digital payments. Remittance families in the hills now pay vendors directly from wallets, and 1,400 vendors opened a bank account for the first time.

The project was supported by Norad with NOK 5 million and carried out with Nepal Rastra Bank, which approved the interoperable QR standard, and with Fonepay. Pokhara University students trained vendors in every market during the first six months.
"""),
    Project("Nepal Heritage Digital", "NP", "C8", "Kathmandu Valley Manuscript Archive", """\
The Kathmandu Valley Manuscript Archive digitises palm-leaf and paper manuscripts held by monasteries, temples and families in Patan, Bhaktapur and Kirtipur, many of them damaged in the 2015 earthquake. Scans are catalogued in Nepali, Newari and English and published in an open online archive.

Since 2018, the team has scanned 31,000 manuscripts with 2.4 million pages, in scripts from Ranjana to Devanagari. The archive received 410,000 visits in 2022, and 23 universities use it for teaching. Fragile originals no longer need to be handled by researchers.

Norad funded the work with NOK 8 million, and Tribhuvan University hosts the servers. Conservators from the Nepal-German Manuscript Cataloguing Project trained 36 young archivists, most of them from the Newar community.
"""),
    Project("Pwani Heritage Network", "KE", "C8", "Sauti za Pwani: an oral history archive of the Swahili coast", """\
Sauti za Pwani records the oral histories, songs and poetry of elders along the Swahili coast, from Lamu to Shimoni, and publishes them in an open archive with transcripts in Swahili and English. Young people from each town are trained to record and edit the interviews.

Since 2019, 86 youth recorders have collected 2,750 hours of recordings from 1,300 elders in 22 towns. The archive is used in 140 secondary schools for Swahili literature lessons, and Lamu's taarab music recordings were shown at the Fort Jesus Museum.

USAID supported the project with USD 600,000 through its community heritage programme, and the National Museums of Kenya keep a copy of every recording. Pwani University catalogues the collection and runs the annual training of recorders.
"""),
]

# A full paraphrase of some of the projects above, sentence by sentence: same organisation,
# places, figures and project name, every sentence reworded.
PARAPHRASES: dict[int, tuple[str, str]] = {
    0: ("Specialist opinions for rural clinics in Kisumu and Siaya: AfyaLink Remote Consult", """\
Through AfyaLink Remote Consult, specialists at Jaramogi Oginga Odinga Teaching and Referral Hospital advise 46 rural health centres across Siaya and Kisumu counties. Using a tablet app designed for 2G coverage, nurses share ECG readings and pictures of wounds for each case.

The service started in March 2020 and has since carried out 18,300 consultations; in 71% of them the patient never had to make the journey to Kisumu. Patients used to wait 11 days for a specialist's view, and now wait 26 hours on average. Power cuts no longer stop the work, because every clinic was equipped with a solar kit.

USAID provided USD 1.4 million over three years, and the project is carried out with Maseno University, whose staff trained 212 nurses to run teleconsultations, and with the County Department of Health. From 2024 the service is part of the county's health budget.
"""),
    2: ("Bei Sokoni: SMS market prices for smallholders in Nakuru", """\
Every day, Bei Sokoni tells smallholders in Nyandarua and Nakuru what potatoes, maize, beans and cabbages fetch at eleven wholesale markets, by text message or through a USSD menu that works on the most basic handset. Each morning, market traders type the prices into a short web form.

Within two years, 27,500 farmers had subscribed, and women make up two thirds of them. In 2022, Egerton University surveyed users and found that they obtained 19% more for their potatoes than neighbours who did not subscribe, mainly because they could pick where and when to sell.

With EUR 350,000 from the GIZ agricultural value chain programme, the cooperative developed the platform, and weather advice from the Kenya Agricultural and Livestock Research Organization now accompanies the prices. Since 2023, farmer groups contribute KES 50 a month, enough to pay for the messages.
"""),
    4: ("Upper East Region: rural women learn digital skills", """\
Women from villages of the Upper East Region learn in this programme how a smartphone can serve their business, from WhatsApp catalogues and mobile money to market information and staying safe online. Twice a week, groups gather at community centres in Navrongo, Bawku and Bolgatanga, with lessons given in Kusaal and Gurune.

Between 2021 and 2023, the twelve-week course was completed by 3,600 women, and 480 graduates became digital ambassadors who pass on what they learned in their own villages. When interviewed later, 62% of graduates said they used mobile money in their basket and shea butter trade, against 15% before they joined.

IFAD provided USD 410,000 for the programme, which the Ghana Investment Fund for Electronic Communications helped to deliver by lending 150 devices. A solar charging station at every centre, run by the local women's association, also brings in a modest income.
"""),
    6: ("Kurigram's river islands get school internet: Char Schoolnet", """\
On the river islands of Gaibandha and Kurigram, where roads disappear under floods for months every year, Char Schoolnet links secondary schools to the internet. Broadband travels from the mainland over a series of microwave relays, powered by the sun and mounted on bamboo towers, to 58 schools that each have a small computer lab.

The network has reached 17,400 students and 640 teachers since 2019. Teachers draw on Muktopaath, the national e-learning portal, and for the first time students could take mock exams online. In the connected schools, the secondary school certificate pass rate climbed from 54% to 71%.

Funding of USD 1.1 million came from UNDP, and Grameenphone contributed backhaul capacity for the build. Teacher training was provided by the Directorate of Secondary and Higher Education, while every school committee covers maintenance with BDT 2,000 per month.
"""),
    8: ("Alerta Rímac: warning Rímac valley families before huaicos strike", """\
Families living in the Rímac valley, east of Lima, receive warnings from Alerta Rímac before mudslides, known locally as huaicos, hit their homes. In the upper valley, river level sensors and rain gauges report every five minutes, while SMS messages and sirens alert communities in Matucana, Chaclacayo and Chosica.

The system went into operation in January 2021 and has sent 37 alerts so far. When the Yaku cyclone struck in March 2023, its 40-minute warning gave 2,300 people time to get out before the slides came down. Today 96,000 residents are covered.

A USD 640,000 investment by the Inter-American Development Bank paid for the sensors, and thresholds are checked by SENAMHI, Peru's National Meteorology and Hydrology Service. Every month, volunteer brigades trained by the National Institute of Civil Defense run a siren test.
"""),
    10: ("Iloilo's eBarangay Registry: barangay documents without the queue", """\
Rather than lining up at the barangay hall, people in Iloilo City can now ask for certificates of residency, indigency certificates and barangay clearances through the eBarangay Registry, online or from a kiosk. The barangay captain signs each request digitally, and a QR code allows anyone to check it.

The registry opened in 2022 across all 180 barangays of Iloilo City and has delivered 152,000 documents so far. Getting a clearance used to take three days and now takes four hours on average; by the city's estimate, residents have saved PHP 38 million in travel costs and missed work.

Through its urban governance programme the Asian Development Bank contributed USD 300,000, while cloud hosting came from the Department of Information and Communications Technology. Iloilo Science and Technology University trained the staff of the 180 barangay halls.
"""),
    12: ("Market traders in Huye go digital with Isoko Pay", """\
With Isoko Pay, traders in the markets of Nyanza and Huye take mobile money payments and keep basic digital sales records. They work either with a USSD code or with an Android app, and their records form a credit history recognised by two microfinance banks and by Umwalimu SACCO for small loans.

8,900 traders have signed up since 2020, 58% of whom are women, and payments of RWF 4.6 billion have passed through the service. Thanks to their Isoko Pay records, over 2,100 traders obtained a loan for the first time, and 96% of loans are being repaid.

A USD 450,000 grant from the World Bank's digital financial inclusion window supported the work, and registered traders pay lower transaction fees thanks to MTN Rwanda. In 2021 the National Bank of Rwanda accepted the service into its regulatory sandbox.
"""),
    14: ("Digitising the manuscripts of the Kathmandu Valley", """\
Palm-leaf and paper manuscripts kept by families, temples and monasteries in Kirtipur, Bhaktapur and Patan, many of them harmed by the 2015 earthquake, are being digitised by the Kathmandu Valley Manuscript Archive. Every scan is catalogued in English, Newari and Nepali and made available in an open archive online.

The team has scanned 31,000 manuscripts since 2018, or 2.4 million pages, written in scripts ranging from Devanagari to Ranjana. In 2022 the archive counted 410,000 visits, and it is used in teaching at 23 universities. Researchers no longer have to touch the fragile originals.

The work received NOK 8 million from Norad, and its servers are hosted by Tribhuvan University. 36 young archivists, mostly from the Newar community, were trained by conservators of the Nepal-German Manuscript Cataloguing Project.
"""),
}

# A short summary of the same projects, as a partner or a translator would write it back.
SUMMARIES: dict[int, str] = {
    0: """\
AfyaLink Remote Consult lets nurses in 46 clinics of Kisumu and Siaya consult specialists of Jaramogi Oginga Odinga hospital from a tablet. Since 2020 there were 18,300 teleconsultations, 71% of patients avoided the trip, and the wait for an opinion went from 11 days to 26 hours. USAID gave USD 1.4 million; Maseno University trained 212 nurses.""",
    2: """\
Bei Sokoni texts daily market prices from eleven markets to 27,500 farmers in Nakuru and Nyandarua. Users sold potatoes 19% dearer, Egerton University found. Funded by GIZ with EUR 350,000, with KALRO weather advice; groups pay KES 50 monthly since 2023.""",
    4: """\
A course in the Upper East Region (Bolgatanga, Navrongo, Bawku) trained 3,600 rural women in smartphone use for business and made 480 of them digital ambassadors. Mobile money use rose from 15% to 62%. IFAD funded it with USD 410,000 and GIFEC lent 150 devices.""",
    6: """\
Char Schoolnet links 58 schools on the river islands of Kurigram and Gaibandha by solar microwave relays. 17,400 students and 640 teachers use it, and exam pass rates went from 54% to 71%. UNDP gave USD 1.1 million; Grameenphone gave backhaul.""",
    8: """\
Alerta Rímac, a sensor and siren network in the Rímac valley (Chosica, Chaclacayo, Matucana), has sent 37 alerts since 2021 and gave 40 minutes of warning to 2,300 people during cyclone Yaku in 2023. It covers 96,000 residents, with IDB funding of USD 640,000 and SENAMHI.""",
    10: """\
In Iloilo City's 180 barangays, the eBarangay Registry issues clearances and certificates online with QR-verified digital signatures: 152,000 documents since 2022, four hours instead of three days, PHP 38 million saved. ADB gave USD 300,000 and DICT hosts it.""",
    12: """\
Isoko Pay gives 8,900 traders in Huye and Nyanza mobile money and sales records that serve as a credit history; 2,100 got first loans, with 96% repayment, and RWF 4.6 billion was paid. World Bank grant of USD 450,000; MTN Rwanda cut fees.""",
    14: """\
The Kathmandu Valley Manuscript Archive has scanned 31,000 manuscripts (2.4 million pages) from Patan, Bhaktapur and Kirtipur since 2018 and publishes them online; 410,000 visits in 2022 and 23 universities use it. Norad gave NOK 8 million; Tribhuvan University hosts it.""",
}

# The same projects as a partner organisation introduces them before telling the project.
PARTNERS: dict[int, tuple[str, str]] = {
    0: ("Maseno University", "Maseno University's School of Medicine is the training partner of AfyaLink Remote Consult, the teleconsultation service of Kisumu and Siaya counties."),
    2: ("Egerton University", "Egerton University evaluates and co-designs Bei Sokoni, the market price service of the Shamba Data Cooperative for farmers in Nakuru and Nyandarua."),
    4: ("Ghana Investment Fund for Electronic Communications", "GIFEC, Ghana's universal service fund, is the delivery partner of the digital skills programme for rural women in the Upper East Region."),
    6: ("Grameenphone", "As a partner of Bangla Connect Trust, Grameenphone provides the backhaul behind Char Schoolnet on the river islands of Kurigram and Gaibandha."),
    8: ("SENAMHI", "The National Meteorology and Hydrology Service of Peru (SENAMHI) co-operates Alerta Rímac with Instituto Huayco and validates its alert thresholds."),
    10: ("Iloilo City Government", "The Iloilo City Government runs the eBarangay Registry with the Iloilo Civic Data Lab in all 180 barangays of the city."),
    12: ("MTN Rwanda", "MTN Rwanda is the mobile money partner of Isoko Pay, the payment and records service for market traders in Huye and Nyanza."),
    14: ("Tribhuvan University", "Tribhuvan University's Central Library hosts and co-manages the Kathmandu Valley Manuscript Archive with Nepal Heritage Digital."),
}

# A reworded title, for the "reworded title, light edits" kind.
REWORDED_TITLES: dict[int, str] = {
    0: "Remote specialist consultations for rural health centres in western Kenya",
    2: "SMS price alerts for smallholder farmers in the Rift Valley",
    4: "Smartphones for business: rural women of northern Ghana go digital",
    6: "Connecting island schools in northern Bangladesh",
    8: "Mudslide early warning for the valley east of Lima",
    10: "Online barangay certificates for the residents of Iloilo City",
    12: "Digital payments and credit records for Rwandan market traders",
    14: "Opening the manuscripts of Patan, Bhaktapur and Kirtipur online",
}

# Organisations' "About us" paragraphs, pasted into every one of their submissions.
BOILERPLATE: dict[str, str] = {
    "Tech4Good Africa": """\
About us: Tech4Good Africa was founded in Nairobi in 2009 and has 140 staff in Kenya, Uganda, Tanzania, Rwanda, Ethiopia and Malawi. We design open-source digital public services with governments, and our work has been supported by UNICEF, the Bill & Melinda Gates Foundation and the GSMA Innovation Fund. We are a member of the Digital Impact Alliance and hold ISO 27001 certification.""",
    "Digital Empowerment Foundation Asia": """\
About us: Digital Empowerment Foundation Asia is a not-for-profit network started in Dhaka in 2006, working in Bangladesh, Nepal and the Philippines with 320 field staff. Our mission is meaningful connectivity for the last mile. Partners include the Asian Development Bank, UNDP and the Internet Society, and we chair the Asia-Pacific Community Networks Forum.""",
    "Fundación Conecta Andes": """\
About us: Fundación Conecta Andes, established in Cusco in 2004, works in Peru, Bolivia and Ecuador with a team of 85 engineers and educators. Since 2010 we have connected more than 900 rural communities. We are funded by the Inter-American Development Bank, CAF and the European Union, and we hold special consultative status with ECOSOC.""",
    "West Africa ICT Partners": """\
About us: West Africa ICT Partners is a social enterprise headquartered in Accra since 2012, with offices in Tamale, Lomé and Ouagadougou. Our 210 staff have delivered 60 projects for IFAD, the African Development Bank and ECOWAS. We are a Google for Startups Accelerator alumnus and a founding member of the Ghana Tech Hubs Network.""",
}

# Application templates of an incubator or a donor that several organisations filled in.
TEMPLATES: list[tuple[str, str]] = [
    ("Problem addressed: the communities we serve lack timely access to the services and information they need.",
     "Alignment: the project is aligned with WSIS Action Line C7 and contributes to the SDGs, in line with the "
     "Geneva Plan of Action. Sustainability: the solution is open source and is handed over to local partners."),
    ("This project was selected by the Digital Development Accelerator 2022 cohort, supported by the European "
     "Union and the ITU, and follows its theory of change: access, skills, use, impact.",
     "Monitoring: results are tracked against the Accelerator's indicator framework and reported every "
     "quarter to the ITU and to the European Union Delegation."),
    ("In response to the COVID-19 pandemic and the call of the Broadband Commission for Sustainable Development, "
     "our organisation designed the following intervention.",
     "Lessons learned: working with local government from the start, training local people and planning for "
     "costs after the grant ends were the keys to success."),
]
