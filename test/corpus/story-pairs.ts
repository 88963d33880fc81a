/**
 * Labelled pairs of real items from the corpus feeds (../shared/corpus/feeds/real), for measuring
 * "is this the same story?" on what publishers actually write: each side names a feed file and an
 * item's headline (a short quote, to find the item; the test reads the item itself from the corpus,
 * in place), each pair says whether the two report one event and why.
 *
 * Same event: two outlets (or one outlet twice) reporting one happening, or one document listed
 * twice. Different: everything else, chosen to be hard: the same person, place or subject, the
 * same committee, and above all Parliament's bills, whose descriptions share their boilerplate
 * ("A Bill to make provision … and for connected purposes"). The bill and committee pairs were
 * picked by a script as the most word-alike pairs in those feeds (the ones clustering merged);
 * their labels follow from the bills' own pages: two bill pages are two bills.
 *
 * Pairs left out on purpose, because people would disagree: two developments of one running story
 * (the Amess killing's tributes against the debate on MPs' safety), a consequence of an event
 * against the event (Alex Saab's extradition and the CITGO 6 arrests after it).
 */
export interface CorpusSide {
  /** A file under ../shared/corpus/feeds/real. */
  readonly file: string;
  /** The item's headline, exactly as the pipeline reads it. */
  readonly title: string;
  /** Which of several items with this headline (0 first), where one file has more than one. */
  readonly nth?: number;
}

export interface CorpusPair {
  readonly a: CorpusSide;
  readonly b: CorpusSide;
  readonly same: boolean;
  readonly why: string;
}

type Quote = readonly [file: string, title: string, nth?: number];
const side = ([file, title, nth]: Quote): CorpusSide => (nth === undefined ? { file, title } : { file, title, nth });
const s = (a: Quote, b: Quote, why: string): CorpusPair => ({ a: side(a), b: side(b), same: true, why });
const d = (a: Quote, b: Quote, why: string): CorpusPair => ({ a: side(a), b: side(b), same: false, why });

const BBC = 'bbc-news-home-2021.xml';
const MAIL = 'dailymail-2021.xml';
const CNN = 'cnn-international-2021.xml';
const NZH = 'nzherald-2021.xml';
const NYT = 'nytimes-us-2021.xml';
const LEG = 'legislation-publication-log-2026-09-24.feed';
const CTBS = 'parliament-bill-ctbs-2018.rss';
const BILLS = 'parliament-public-bills-2018.rss';

/** The weekend of 16–17 October 2021, as BBC News, MailOnline, CNN and the NZ Herald carried it. */
export const newsPairs: readonly CorpusPair[] = [
  s(
    [BBC, 'Westfield Stratford closed after fire in first floor shop'],
    [MAIL, 'Fire sparks evacuation of Westfield shopping centre'],
    'one fire at Westfield Stratford, 17 Oct',
  ),
  s(
    [BBC, 'Haiti: US Christian missionaries kidnapped in Port-au-Prince - reports'],
    [MAIL, 'Up to 17 Christian missionaries along with their families are kidnapped by gang members in Haiti'],
    'one kidnapping of US missionaries near Port-au-Prince',
  ),
  s(
    [BBC, 'Haiti: US Christian missionaries kidnapped in Port-au-Prince - reports'],
    [CNN, 'Up to 17 American missionaries reported as kidnapped by gang members in Haiti'],
    'one kidnapping of US missionaries near Port-au-Prince',
  ),
  s(
    [MAIL, 'Up to 17 Christian missionaries along with their families are kidnapped by gang members in Haiti'],
    [CNN, 'Up to 17 American missionaries reported as kidnapped by gang members in Haiti'],
    'one kidnapping of US missionaries near Port-au-Prince',
  ),
  s(
    [BBC, 'Robert Durst: US millionaire hospitalised with Covid after life sentence'],
    [CNN, 'Robert Durst is on a ventilator with Covid-19 days after being sentenced to life in prison'],
    'Robert Durst in hospital with Covid after his sentence',
  ),
  s(
    [BBC, 'Sudan: Protesters demand military coup as crisis deepens'],
    [CNN, "Protesters demand a military coup as country's political crisis deepens"],
    'one protest in Khartoum calling for a coup (CNN names Sudan in its lede only)',
  ),
  s(
    [MAIL, "Prince Charles says he's 'very proud' of son William for for 'his growing commitment to environment'"],
    [CNN, "Prince Charles 'proud' of son William's growing commitment to environment"],
    "one statement by Prince Charles about William's Earthshot Prize",
  ),
  s(
    [MAIL, 'Russian moviemakers return to Earth after 12 days spent filming on the International Space Station'],
    [CNN, 'Russian space movie crew back on Earth'],
    'one landing of the Russian film crew from the ISS',
  ),
  s(
    [MAIL, "DC Comics ditch mention of 'The American Way' from Superman's motto"],
    [CNN, "Superman's iconic motto gets an update"],
    "one announcement by DC of Superman's new motto",
  ),
  s(
    [MAIL, "Vanessa Bryant asked to undergo psychiatric exam to evaluate 'emotional injuries' from crash pix"],
    [CNN, "Authorities want Kobe Bryant's widow to take a psychiatric exam ahead of trial"],
    "one court request in Vanessa Bryant's lawsuit",
  ),
  s(
    [MAIL, 'British grandma jailed for smuggling cocaine on cruise dies in agony in Portuguese rat-infested jail'],
    [NZH, 'Cocaine granny dies in agony in Portuguese jail'],
    "one death, Susan Clarke's, in a Lisbon jail",
  ),
  s(
    [BBC, "Sir David Amess: Southend city bid would be a 'fitting tribute' to stabbed MP"],
    [MAIL, "Priti Patel says making Southend city would be a 'wonderful tribute' to David Amess"],
    'one statement by Priti Patel backing city status for Southend',
  ),
  s(
    [BBC, 'David Amess death: Priti Patel says MPs must be safe and accessible'],
    [MAIL, 'Police or private guards will protect MPs at weekly surgeries in wake of the murder of David Amess'],
    "one announcement by the Home Secretary on protecting MPs' surgeries",
  ),
  s(
    [BBC, 'Sir David Amess: MP murder suspect held under Terrorism Act'],
    [MAIL, "Sir David Amess murder: Cops raid 'childhood home' of terror suspect Ali Harbi Ali"],
    'one development: the suspect held and his homes searched',
  ),
  s(
    [BBC, 'Sir David Amess: Boris Johnson leads tributes to much-loved MP'],
    [BBC, 'Boris Johnson pays tribute to Conservative MP Sir David Amess'],
    "one event, the Prime Minister's tribute, in two BBC items",
  ),
  s(
    [BBC, 'Sir David Amess: Boris Johnson leads tributes to much-loved MP'],
    [BBC, 'Sir David Amess: Political world pays tribute to much-loved MP'],
    'one event, the tributes on the day of the killing, in two BBC items',
  ),
  s(
    [NZH, "'Selfish': Partygoer's confession after wild influencer gathering"],
    [NZH, 'Influencer party has makings of super spreader event, expert warns'],
    'one influencer party in Auckland, two NZ Herald items',
  ),

  d(
    [MAIL, "Prince Charles says he's 'very proud' of son William for for 'his growing commitment to environment'"],
    [MAIL, 'Prince Charles, Diana and the boys on holiday in Majorca (as imagined by The Crown)'],
    'Prince Charles in both; a statement against a TV drama',
  ),
  d(
    [CNN, "Prince Charles 'proud' of son William's growing commitment to environment"],
    [CNN, "Meghan is still close with Diana's best friend"],
    'the royal family in both; different items',
  ),
  d(
    [MAIL, 'How the Palace threatened to cut me dead if I revealed the Queen breastfed Prince Charles'],
    [MAIL, "Prince Charles says he's 'very proud' of son William for for 'his growing commitment to environment'"],
    'Prince Charles in both; a memoir against a statement',
  ),
  d(
    [MAIL, 'The Queen is looking for a £11,300-a-year cleaner for Buckingham Palace'],
    [CNN, "Queen's views are caught on a hot mic"],
    'the Queen in both; a job advert against a remark',
  ),
  d(
    [BBC, "Meghan Markle's donation a 'lifesaver' for community kitchen users"],
    [CNN, "Meghan is still close with Diana's best friend"],
    'Meghan in both; different items',
  ),
  d(
    [CNN, "Haiti's complicated relationship with the US"],
    [BBC, 'Haiti: US Christian missionaries kidnapped in Port-au-Prince - reports'],
    'Haiti and the US in both; a 2018 explainer against the kidnapping',
  ),
  d(
    [CNN, "Haiti's journey from riches to chaos"],
    [MAIL, 'Up to 17 Christian missionaries along with their families are kidnapped by gang members in Haiti'],
    'Haiti in both; a history video against the kidnapping',
  ),
  d([CNN, "Haiti's journey from riches to chaos"], [CNN, "Haiti's complicated relationship with the US"], 'Haiti in both; two explainers from 2018 and 2021'),
  d(
    [CNN, "Europe's energy crunch is giving Putin the upper hand"],
    [CNN, "'Beautiful woman': Putin accused of mansplaining at event"],
    'Putin in both; an opinion on gas against a remark',
  ),
  d(
    [BBC, 'Gas price rises: Russia not withholding supplies, says ambassador to UK'],
    [CNN, "Europe's energy crunch is giving Putin the upper hand"],
    'Russian gas in both; an interview against an opinion piece',
  ),
  d(
    [CNN, 'Russian daily Covid-19 deaths hit record high but lawmakers rule out lockdown'],
    [MAIL, 'Russian moviemakers return to Earth after 12 days spent filming on the International Space Station'],
    'Russia in both; unrelated',
  ),
  d(
    [CNN, 'Russian daily Covid-19 deaths hit record high but lawmakers rule out lockdown'],
    [BBC, 'Covid map: Coronavirus cases, deaths, vaccinations by country'],
    'Covid deaths in both; Russian figures against a world map',
  ),
  d(
    [BBC, 'Covid: When will I get a booster jab?'],
    [MAIL, 'GPs and patients complain about Covid-19 booster jab chaos'],
    'Covid boosters in both; an explainer against complaints',
  ),
  d(
    [BBC, 'Covid vaccine: How many people in the UK have been vaccinated so far?'],
    [NYT, 'Mixing and Matching Covid Vaccines Is Examined by F.D.A. Panel'],
    'Covid vaccines in both; UK figures against a US panel',
  ),
  d(
    [BBC, 'Prof Sarah Gilbert, Covid vaccine creator: Now let’s take on 12 more diseases'],
    [NYT, 'Mixing and Matching Covid Vaccines Is Examined by F.D.A. Panel'],
    'Covid vaccines in both; an interview against a US panel',
  ),
  d(
    [CNN, 'An antiviral pill is being heralded as a potential Covid-19 game changer. Poorer nations could miss out again.'],
    [BBC, "Ivermectin: How false science created a Covid 'miracle' drug"],
    'Covid drugs in both; different drugs',
  ),
  d(
    [BBC, 'Covid-19 in the UK: How many coronavirus cases are there in my area?'],
    [BBC, "Covid: What's the 'Winter Plan' and what are the rules across the UK?"],
    'two BBC Covid explainers',
  ),
  d([BBC, 'Covid: How do I get a lateral flow or PCR test?'], [BBC, 'Covid: When will I get a booster jab?'], 'two BBC Covid explainers'),
  d(
    [BBC, 'Covid: What are the social distancing rules across the UK?'],
    [BBC, 'What are the rules and guidance for face masks and coverings?'],
    'two BBC Covid explainers about rules',
  ),
  d(
    [CNN, "Tension over Italy's 'Covid pass' mars Rome election"],
    [CNN, 'Protests in Italy over anti-virus measures turn violent'],
    'Covid rules in Italy in both; 2021 against 2020',
  ),
  d(
    [BBC, 'Squid Game: The rise of Korean drama addiction'],
    [MAIL, "China's real-life Squid Game: Organs harvested from 100,000 political dissidents and prisoners"],
    'Squid Game in both; a TV feature against organ harvesting',
  ),
  d([BBC, 'Ros Atkins on… China-Taiwan tensions'], [CNN, 'China sends warning to US in military training propaganda video'], 'China in both; different items'),
  d(
    [CNN, "China isn't about to invade Taiwan. But the two sides are on a dangerous path"],
    [MAIL, 'China fires hypersonic missile to circle planet in low orbit in terrifying display of its weaponry'],
    'Chinese military in both; an analysis against a missile test',
  ),
  d(
    [BBC, "Macron condemns 'unforgivable' 1961 massacre of Algerians in Paris"],
    [MAIL, 'French fishermen threaten Channel blockade after EU snubs Macron'],
    'Macron in both; unrelated',
  ),
  d(
    [BBC, 'Channel smugglers step up risks to outfox France and UK'],
    [MAIL, 'French fishermen threaten Channel blockade after EU snubs Macron'],
    'the Channel and France in both; migrants against fishing',
  ),
  d(
    [BBC, 'Robert Durst: US millionaire hospitalised with Covid after life sentence'],
    [MAIL, 'Teenage boy, 17, is charged with murder after man, 33, was stabbed to death in a playing field'],
    'murder in both; unrelated cases',
  ),
  d(
    [MAIL, 'Knifeman stabs boy, 14, to death at Glasgow railway station'],
    [MAIL, 'Teenage boy, 17, is charged with murder after man, 33, was stabbed to death in a playing field'],
    'two fatal stabbings with teenagers, in different places',
  ),
  d([NYT, 'Houston Shooting Leaves One Deputy Dead, Two Others Injured'], [NYT, 'Nikolas Cruz to Plead Guilty for Parkland School Shooting'], 'two shootings'),
  d(
    [NZH, "Armed police surround Head Hunters' West gang headquarters after shooting"],
    [NYT, 'Houston Shooting Leaves One Deputy Dead, Two Others Injured'],
    'two shootings, in Auckland and Houston',
  ),
  d(
    [BBC, 'Westfield Stratford closed after fire in first floor shop'],
    [NZH, "Firefighter's warning after wheat bag starts blaze, destroys home"],
    'two fires',
  ),
  d([MAIL, 'Fire sparks evacuation of Westfield shopping centre'], [NZH, "Firefighter's warning after wheat bag starts blaze, destroys home"], 'two fires'),
  d([BBC, 'Sudan: Protesters demand military coup as crisis deepens'], [CNN, 'Protests in Italy over anti-virus measures turn violent'], 'two protests'),
  d(
    [CNN, "Myanmar junta 'extremely disappointed' over leader's exclusion from ASEAN summit"],
    [BBC, 'Sudan: Protesters demand military coup as crisis deepens'],
    'military rule in both; two countries',
  ),
  d(
    [BBC, 'Southeastern train services taken over by government'],
    [CNN, 'London to New York in 90 minutes? It could be possible'],
    'travel from London in both; unrelated',
  ),
  d(
    [MAIL, "Elvis Presley's drummer Ronnie Tutt dies aged 83 as Graceland bosses pay heartfelt tribute"],
    [MAIL, 'Susan Sarandon reveals she had a final phone call with ex-lover David Bowie a week before he died'],
    'a musician dying in both; different people',
  ),
  d(
    [MAIL, "Sir Paul McCartney opens up about the 'hurtful' Beatles break-up"],
    [MAIL, "Little Mix to 'formally announce they are SPLITTING UP next month'"],
    'a band splitting up in both; different bands',
  ),
  d(
    [MAIL, 'Leigh-Anne Pinnock tears up at her 30th birthday party following Jesy Nelson row'],
    [MAIL, "Little Mix to 'formally announce they are SPLITTING UP next month'"],
    'Little Mix members in both; a party against a split',
  ),
  d(
    [BBC, "Adele Easy On Me: 'There's still a stigma about getting divorced when young'"],
    [CNN, "'Stop it': CNN reporter dismisses talk about Adele's weight"],
    'Adele in both; an interview against a comment on her',
  ),
  d(
    [CNN, "Netflix fired employee who leaked information about Chappelle's special"],
    [CNN, 'THE HANDOFF: Dave Chappelle, comedy and commentary'],
    'Dave Chappelle in both; a firing against a newsletter',
  ),
  d(
    [BBC, "Britain's Norrie reaches Indian Wells final with win over Dimitrov"],
    [BBC, 'Rory McIlroy: Northern Irishman storms into CJ Cup contention after superb 62'],
    'two British sportsmen in two tournaments',
  ),
  d(
    [MAIL, "Gareth Bale's agent says the Welshman and Jose Mourinho 'didn't see football the same way'"],
    [BBC, "Bruce has been the Newcastle 'fall guy', says son Alex"],
    'two football managers',
  ),
  d(
    [NZH, 'Cocaine granny dies in agony in Portuguese jail'],
    [MAIL, 'Cocaine crisis in the elderly: NHS is treating patients as old as NINETY for Class A abuse'],
    'cocaine and old age in both; a death against NHS figures',
  ),
  d(
    [MAIL, 'British grandma jailed for smuggling cocaine on cruise dies in agony in Portuguese rat-infested jail'],
    [CNN, 'British-Iranian aid worker Nazanin Zaghari-Ratcliffe loses court appeal'],
    'a Briton held abroad in both; different people',
  ),
  d(
    [BBC, 'Black scientists say UK research is institutionally racist'],
    [MAIL, "BLM-inspired lessons about 'white privilege' launched at £19,000-a-year London private school"],
    'race in both; unrelated',
  ),
  d(
    [BBC, "Breast cancer: 'Many men are oblivious they can get breast cancer'"],
    [MAIL, 'Melanoma Australia: Meabh Feerick criticises Irish health system over terminal skin cancer care'],
    'cancer in both; different people and cancers',
  ),
  d(
    [NYT, 'Another Michigan Water Crisis Underscores Infrastructure Woes'],
    [NYT, 'How San Diego Has Water Despite a Punishing Drought'],
    'water supply in both; two cities',
  ),
  d(
    [NYT, 'Illinois Democrats Propose New Gerrymandered Congressional Maps'],
    [NYT, 'Money Floods the Race for Control of Congress, More Than a Year Early'],
    'Congress in both; maps against money',
  ),
  d(
    [NYT, 'Glenn Youngkin Talks About Virginia. His Base Talks About Donald Trump.'],
    [CNN, "Trump can't always get what he wants"],
    'Trump in both; different items',
  ),
  d(
    [BBC, "Sir David Amess: Southend city bid would be a 'fitting tribute' to stabbed MP"],
    [BBC, 'Christchurch: New Zealand city parts ways with its wizard'],
    'a city in both; unrelated',
  ),
  d(
    [MAIL, 'Police or private guards will protect MPs at weekly surgeries in wake of the murder of David Amess'],
    [NZH, "Armed police surround Head Hunters' West gang headquarters after shooting"],
    'police in both; unrelated',
  ),
  d(
    [MAIL, 'Russian moviemakers return to Earth after 12 days spent filming on the International Space Station'],
    [MAIL, "NASA's Lucy mission launches and will swing past eight different asteroids during 12-year journey"],
    'space in both; a landing against a launch',
  ),
  d(
    [CNN, 'Russian space movie crew back on Earth'],
    [MAIL, "NASA's Lucy mission launches and will swing past eight different asteroids during 12-year journey"],
    'space in both; a landing against a launch',
  ),
  d(
    [CNN, "Three years ago, Banksy 'shredded' a $1.4M artwork. Now it's worth 18 times as much"],
    [CNN, "Vienna museums launch OnlyFans account to display 'explicit' artworks"],
    'art in both; unrelated',
  ),
  d(
    [MAIL, "Horse trader who kept 171 animals in 'disgraceful' conditions on squalid farm jailed for 19 weeks"],
    [MAIL, 'Biker, 24, who left pensioner, 71, in a coma after crashing into him and doing wheelies is jailed'],
    'a sentence in both; different cases',
  ),
  d(
    [MAIL, "Doctor who 'botched three major gallbladder operations in five days' is STILL working for the NHS"],
    [MAIL, 'Cocaine crisis in the elderly: NHS is treating patients as old as NINETY for Class A abuse'],
    'the NHS in both; unrelated',
  ),
  d(
    [BBC, 'Salisbury Plain soldier death: Jethro Watson-Pickering named by Army'],
    [MAIL, 'Teenage boy, 17, is charged with murder after man, 33, was stabbed to death in a playing field'],
    'a death in both; unrelated',
  ),
  d(
    [BBC, "Pigs at Amsterdam's Schiphol Airport help to keep skies safe"],
    [BBC, 'Dormice favoured by Italian mafia seized in drugs raid'],
    'animals in both; unrelated',
  ),
  d(
    [BBC, 'New database launched to counter extremism'],
    [MAIL, "Prevent programme will be reviewed to see if it is 'fit for purpose', says Priti Patel"],
    'countering extremism in both; a database launch against a review',
  ),
  d(
    [NZH, "PM's wedding-venue stoush: Ardern says staffer helping as friend"],
    [NZH, 'Heather Du Plessis-Allan: Bringing stranded Kiwis home - border is no longer biggest risk'],
    'New Zealand politics in both; unrelated',
  ),
  d(
    [NZH, 'Revealed: The $600K price difference between new-builds and existing homes'],
    [NZH, 'Liam Dann: Revealed - the $12b kitty the Govt has to help locked-down Kiwis'],
    '"Revealed" and a dollar sum in both; unrelated',
  ),
  d(
    [NZH, 'Back to boom times: Private jet use soars to pre-GFC levels'],
    [CNN, 'The futuristic superyacht with an intentional hole in the middle'],
    'luxury travel in both; unrelated',
  ),
  d(
    [NZH, "'Breakthrough moment' for Auckland's City Rail Link tunnel"],
    [NZH, 'Paper-based processing delays as INZ Auckland office remains closed at level 3'],
    'Auckland in both; unrelated',
  ),
  d(
    [MAIL, "Strictly fans go wild as they're convinced Adam Peaty and Katya Jones 'nearly KISS'"],
    [MAIL, "Midsomer Murders viewers warned over 'offensive' Morris Dancers"],
    'TV viewers in both; two programmes',
  ),
  d(
    [NYT, 'U.S. Pledges to Pay Family of Those Killed in Botched Kabul Drone Strike'],
    [NYT, "Guantánamo Bay Cemetery Offers a View of the Base's History"],
    'the US military in both; unrelated',
  ),
  d(
    [BBC, "Macron condemns 'unforgivable' 1961 massacre of Algerians in Paris"],
    [BBC, "Life at 50C: Fleeing Sahara's shifting sands"],
    'north Africa in both; unrelated',
  ),
];

/** legislation.gov.uk's publication log of 24 September 2026: one instrument per number. */
export const legislationPairs: readonly CorpusPair[] = [
  s(
    [LEG, 'The Climate Change (Duties of Public Bodies: Reporting Requirements) (Scotland) Amendment Order 2026', 0],
    [LEG, 'The Climate Change (Duties of Public Bodies: Reporting Requirements) (Scotland) Amendment Order 2026', 1],
    'one instrument, SSI 2026/266, published as a PDF and as XML',
  ),
  d(
    [LEG, 'The Air Navigation (Restriction of Flying) (Falmouth, Cornwall) (Emergency) (Revocation) Regulations 2026'],
    [LEG, 'The Air Navigation (Restriction of Flying) (Hull Fair, Humberside) Regulations 2026'],
    'two instruments, UKSI 2026/1048 and 2026/1041, of one standard form',
  ),
  d(
    [LEG, 'The Criminal Legal Assistance (Miscellaneous Amendment) (Scotland) Regulations 2026'],
    [LEG, 'The Visitor Levy (Miscellaneous Amendment) (Scotland) Regulations 2026'],
    'two instruments, SSI 2026/267 and 2026/268: "(Miscellaneous Amendment) (Scotland) Regulations 2026" is the form',
  ),
  d(
    [LEG, 'The Criminal Legal Assistance (Miscellaneous Amendment) (Scotland) Regulations 2026'],
    [LEG, 'The Climate Change (Duties of Public Bodies: Reporting Requirements) (Scotland) Amendment Order 2026', 0],
    'two instruments, SSI 2026/267 and 2026/266',
  ),
  d(
    [LEG, 'The Visitor Levy (Miscellaneous Amendment) (Scotland) Regulations 2026'],
    [LEG, 'The Climate Change (Duties of Public Bodies: Reporting Requirements) (Scotland) Amendment Order 2026', 1],
    'two instruments, SSI 2026/268 and 2026/266',
  ),
  d(
    [LEG, 'The Firearms (Amendment) Rules 2026'],
    [LEG, 'The Air Navigation (Restriction of Flying) (Hull Fair, Humberside) Regulations 2026'],
    'two instruments, UKSI 2026/1050 and 2026/1041',
  ),
  d(
    [LEG, 'The Firearms (Amendment) Rules 2026'],
    [LEG, 'The Criminal Legal Assistance (Miscellaneous Amendment) (Scotland) Regulations 2026'],
    'two instruments, UKSI 2026/1050 and SSI 2026/267: "(Amendment)" is the form',
  ),
  d(
    [LEG, 'The Air Navigation (Restriction of Flying) (Falmouth, Cornwall) (Emergency) (Revocation) Regulations 2026'],
    [LEG, 'The Visitor Levy (Miscellaneous Amendment) (Scotland) Regulations 2026'],
    'two instruments, UKSI 2026/1048 and SSI 2026/268',
  ),
];

/** One bill's own feed (Counter-Terrorism and Border Security Bill, 2018) and the bills list. */
export const billFeedPairs: readonly CorpusPair[] = [
  s(
    [CTBS, 'Publication: Committee: 2nd sitting (Hansard)'],
    [CTBS, 'Publication: Committee: 2nd sitting (Minutes of Proceedings)'],
    'one sitting of the Lords committee, its Hansard and its minutes',
  ),
  s(
    [CTBS, 'Publication: Committee: 1st sitting (Hansard)'],
    [CTBS, 'Publication: Committee: 1st sitting (Hansard - continued)'],
    'one sitting of the Lords committee, its Hansard in two parts',
  ),
  s(
    [CTBS, 'Publication: 1st reading (Hansard)'],
    [CTBS, 'Publication: 1st reading (Minutes of Proceedings)'],
    'one first reading in the Lords, its Hansard and its minutes',
  ),
  s(
    [BILLS, 'Counter-Terrorism and Border Security'],
    [CTBS, 'Publication: Counter-Terrorism and Border Security Bill'],
    'one bill: its entry in the bills list and its text',
  ),
  d(
    [BILLS, 'Counter-Terrorism and Border Security'],
    [BILLS, 'Victims of Terrorism (Pensions and Other Support)'],
    'two bills about terrorism, each with its own page',
  ),
  d([BILLS, 'Counter-Terrorism and Border Security'], [BILLS, 'Asset Freezing (Compensation)'], 'two bills about security powers, each with its own page'),
];

/** Generated: the most word-alike pairs of the bills feeds and of one committee's news feed. */
export const generatedPairs: readonly CorpusPair[] = [
  s(
    ['parliament-public-bills-2018.rss', 'High Speed Rail (West Midlands - Crewe)'],
    ['parliament-private-bills-2018.rss', 'High Speed Rail (West Midlands - Crewe)'],
    'the same bill (one bill page), listed in both the public and the private bills feed',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Road Traffic Offenders (Surrender of Driving Licences etc.) (No. 2)'],
    ['parliament-public-bills-2018.rss', 'Road Traffic Offenders (Surrender of Driving Licences Etc)'],
    'two bills of the same name (2017-19/roadtrafficoffenderssurrenderofdrivinglicencesetcno2, 2017-19/roadtrafficoffenderssurrenderofdrivinglicencesetc): a "(No. 2)" bill is another bill with its own page',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Kew Gardens (Leases) (No. 2)'],
    ['parliament-public-bills-2018.rss', 'Kew Gardens (Leases)'],
    'two bills of the same name (2017-19/kewgardensleasesno2, 2017-19/kewgardensleases): a "(No. 2)" bill is another bill with its own page',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Automatic Electoral Registration (No. 2)'],
    ['parliament-public-bills-2018.rss', 'Automatic Electoral Registration'],
    'two bills of the same name (2017-19/automaticelectoralregistrationno2, 2017-19/automaticelectoralregistration): a "(No. 2)" bill is another bill with its own page',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Genocide Determination (No. 2)'],
    ['parliament-public-bills-2018.rss', 'Genocide Determination'],
    'two bills of the same name (2017-19/genocidedeterminationno2, 2017-19/genocidedetermination): a "(No. 2)" bill is another bill with its own page',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Finance'],
    ['parliament-public-bills-2018.rss', 'Finance (No.2)'],
    'two bills of the same name (2017-19/financeno2, 2017-19/finance): a "(No. 2)" bill is another bill with its own page',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Refugees (Family Reunion)'],
    ['parliament-public-bills-2018.rss', 'Refugees (Family Reunion) (No. 2)'],
    'two bills of the same name (2017-19/refugeesfamilyreunionbill, 2017-19/refugeesfamilyreunionno2): a "(No. 2)" bill is another bill with its own page',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Voter Registration (No. 2)'],
    ['parliament-public-bills-2018.rss', 'Voter Registration'],
    'two bills of the same name (2017-19/voterregistrationno2, 2017-19/voterregistration): a "(No. 2)" bill is another bill with its own page',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Registration of Marriage (No. 2)'],
    ['parliament-public-bills-2018.rss', 'Registration of Marriage'],
    'two bills of the same name (2017-19/registrationofmarriageno2, 2017-19/registrationofmarriage): a "(No. 2)" bill is another bill with its own page',
  ),
  d(
    ['parliament-public-bills-2018.rss', "Pensions (Review of Women's Arrangements) (No. 2)"],
    ['parliament-public-bills-2018.rss', 'Pensions (Review of Women’s Arrangements)'],
    'two bills of the same name (2017-19/pensionsreviewofwomensarrangementsno2, 2017-19/pensionsreviewofwomensarrangements): a "(No. 2)" bill is another bill with its own page',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Bat Habitats Regulation (No. 2)'],
    ['parliament-public-bills-2018.rss', 'Bat Habitats Regulation'],
    'two bills of the same name (2017-19/bathabitatsregulationno2, 2017-19/bathabitatsregulation): a "(No. 2)" bill is another bill with its own page',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Marriage (Same Sex Couples) (Northern Ireland) (No.2)'],
    ['parliament-public-bills-2018.rss', 'Marriage (Same Sex Couples) (Northern Ireland)'],
    'two bills of the same name (2017-19/marriagesamesexcouplesnorthernirelandno2, 2017-19/marriagesamesexcouplesnorthernirelandhl): a "(No. 2)" bill is another bill with its own page',
  ),
  d(
    ['parliament-public-bills-2018.rss', "Representation of the People (Young People's Enfranchisement and Education)"],
    ['parliament-public-bills-2018.rss', "Representation of the People (Young People's Enfranchisement)"],
    'two different bills, each with its own page (2017-19/representationofthepeopleyoungpeoplesenfranchisementandeducation, 2017-19/representationofthepeopleyoungpeoplesenfranchisement): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'House of Lords (Hereditary Peers) (Abolition of By-Elections)'],
    ['parliament-public-bills-2018.rss', 'House of Lords (Exclusion of Hereditary Peers)'],
    'two different bills, each with its own page (2017-19/houseoflordshereditarypeersabolitionofbyelections, 2017-19/houseoflordsexclusionofhereditarypeers): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Civil Partnership Act 2004 (Amendment) (Sibling Couples)'],
    ['parliament-public-bills-2018.rss', 'Civil Partnership Act 2004 (Amendment) (Mixed Sex Couples)'],
    'two different bills, each with its own page (2017-19/civilpartnershipact2004amendmentsiblingcouples, 2017-19/civilpartnershipact2004amendmentmixedsexcouples): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Voyeurism (Offences) (No. 2)'],
    ['parliament-public-bills-2018.rss', 'Voyeurism (Offences)'],
    'two bills of the same name (2017-19/voyeurismoffencesno2, 2017-19/voyeurismoffences): a "(No. 2)" bill is another bill with its own page',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Sanctions (Human Rights Abuse and Corruption)'],
    ['parliament-public-bills-2018.rss', 'Immigration Control (Gross Human Rights Abuses)'],
    'two different bills, each with its own page (2017-19/sanctionshumanrightsabuseandcorruption, 2017-19/immigrationcontrolgrosshumanrightsabuses): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Hospital Car Parking Charges (Abolition)'],
    ['parliament-public-bills-2018.rss', 'Hospital (Parking Charges and Business Rates)'],
    'two different bills, each with its own page (2017-19/hospitalcarparkingchargesabolition, 2017-19/hospitalparkingchargesandbusinessrates): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Workers (Definition and Rights)'],
    ['parliament-public-bills-2018.rss', "Employment and Workers' Rights"],
    'two different bills, each with its own page (2017-19/workersdefinitionandrights, 2017-19/employmentandworkersrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Assaults on Retail Workers (Offences)'],
    ['parliament-public-bills-2018.rss', 'Assaults on Emergency Workers (Offences)'],
    'two different bills, each with its own page (2017-19/assaultsonretailworkersoffences, 2017-19/assaultsonemergencyworkersoffences): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/nuclearsafeguards): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Supply and Appropriation (Anticipation and Adjustments)'],
    ['parliament-public-bills-2018.rss', 'Northern Ireland Budget (Anticipation and Adjustments)'],
    'two different bills, each with its own page (2017-19/supplyandappropriationanticipationandadjustments, 2017-19/northernirelandbudgetanticipationandadjustments): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Public Services (Availability)'],
    ['parliament-public-bills-2018.rss', 'June Bank Holiday (Creation)'],
    'two different bills, each with its own page (2017-19/publicservicesavailability, 2017-19/junebankholidaycreation): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Stalking Protection'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/stalkingprotection): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/protectionofpollinators): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/nuclearsafeguards): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/nuclearsafeguards, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Fetal Dopplers (Regulation)'],
    ['parliament-public-bills-2018.rss', 'Drone (Regulation)'],
    'two different bills, each with its own page (2017-19/fetaldopplersregulation, 2017-19/droneregulation): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Clean Air'],
    ['parliament-public-bills-2018.rss', 'Plastics'],
    'two different bills, each with its own page (2017-19/cleanair, 2017-19/plastics): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Automatic Travel Compensation'],
    ['parliament-public-bills-2018.rss', 'Rail Passenger (Compensation)'],
    'two different bills, each with its own page (2017-19/automatictravelcompensation, 2017-19/railpassengercompensation): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'European Union Withdrawal Agreement (Public Vote)'],
    ['parliament-public-bills-2018.rss', 'European Union (Referendum on the Withdrawal Agreement)'],
    'two different bills, each with its own page (2017-19/europeanunionwithdrawalagreementpublicvote, 2017-19/europeanunionreferendumonthewithdrawalagreement): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Prisons (Interference with Wireless Telegraphy)'],
    ['parliament-public-bills-2018.rss', 'Prisons (Substance Testing)'],
    'two different bills, each with its own page (2017-19/prisonsinterferencewithwirelesstelegraphy, 2017-19/prisonssubstancetesting): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Space Industry'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/spaceindustrybill): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    ['parliament-public-bills-2018.rss', 'Space Industry'],
    'two different bills, each with its own page (2017-19/nuclearsafeguards, 2017-19/spaceindustrybill): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'National Health Service'],
    ['parliament-public-bills-2018.rss', 'DiGeorge Syndrome (Review and National Health Service Duty)'],
    'two different bills, each with its own page (2017-19/nationalhealthservice, 2017-19/digeorgesyndromereviewandnationalhealthserviceduty): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'European Union Withdrawal Agreement (Public Vote)'],
    ['parliament-public-bills-2018.rss', 'European Union (Withdrawal)'],
    'two different bills, each with its own page (2017-19/europeanunionwithdrawalagreementpublicvote, 2017-19/europeanunionwithdrawal): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'European Union (Withdrawal)'],
    ['parliament-public-bills-2018.rss', 'European Union (Referendum on the Withdrawal Agreement)'],
    'two different bills, each with its own page (2017-19/europeanunionwithdrawal, 2017-19/europeanunionreferendumonthewithdrawalagreement): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Representation of the People (Gibraltar)'],
    ['parliament-public-bills-2018.rss', 'Parliamentary Allowances (Restriction)'],
    'two different bills, each with its own page (2017-19/representationofthepeoplegibraltar, 2017-19/parliamentaryallowancesrestriction): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'International Development Assistance (Definition)'],
    ['parliament-public-bills-2018.rss', 'Workers (Definition and Rights)'],
    'two different bills, each with its own page (2017-19/internationaldevelopmentassistancedefinition, 2017-19/workersdefinitionandrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'National Health Service'],
    ['parliament-public-bills-2018.rss', 'National Health Service (Co-Funding and Co-Payment)'],
    'two different bills, each with its own page (2017-19/nationalhealthservice, 2017-19/nationalhealthservicecofundingandcopayment): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-public-bills-2018.rss', 'Space Industry'],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/spaceindustrybill): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Workers (Definition and Rights)'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/workersdefinitionandrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', "Employment and Workers' Rights"],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/employmentandworkersrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    ['parliament-public-bills-2018.rss', 'Workers (Definition and Rights)'],
    'two different bills, each with its own page (2017-19/nuclearsafeguards, 2017-19/workersdefinitionandrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    ['parliament-public-bills-2018.rss', "Employment and Workers' Rights"],
    'two different bills, each with its own page (2017-19/nuclearsafeguards, 2017-19/employmentandworkersrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Space Industry'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/spaceindustrybill, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Public Services (Availability)'],
    ['parliament-public-bills-2018.rss', 'Public Service Broadcasters (Privatisation)'],
    'two different bills, each with its own page (2017-19/publicservicesavailability, 2017-19/publicservicebroadcastersprivatisation): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Ivory'],
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    'two different bills, each with its own page (2017-19/ivory, 2017-19/protectionofpollinators): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Ivory'],
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    'two different bills, each with its own page (2017-19/ivory, 2017-19/nuclearsafeguards): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Public Services (Availability)'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/publicservicesavailability, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Physician Associates (Regulation)'],
    ['parliament-public-bills-2018.rss', 'Stalking Protection'],
    'two different bills, each with its own page (2017-19/physicianassociatesregulation, 2017-19/stalkingprotection): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Representation of the People (Gibraltar)'],
    ['parliament-public-bills-2018.rss', 'Business of the House Commission'],
    'two different bills, each with its own page (2017-19/representationofthepeoplegibraltar, 2017-19/businessofthehousecommission): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Student Loans (Debt Discharge)'],
    ['parliament-public-bills-2018.rss', 'Student Loans (Debt Interest)'],
    'two different bills, each with its own page (2017-19/studentloansdebtdischarge, 2017-19/studentloansdebtinterest): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Physician Associates (Regulation)'],
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    'two different bills, each with its own page (2017-19/physicianassociatesregulation, 2017-19/protectionofpollinators): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Physician Associates (Regulation)'],
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    'two different bills, each with its own page (2017-19/physicianassociatesregulation, 2017-19/nuclearsafeguards): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-public-bills-2018.rss', 'Workers (Definition and Rights)'],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/workersdefinitionandrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-public-bills-2018.rss', "Employment and Workers' Rights"],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/employmentandworkersrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'International Development Assistance (Definition)'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/internationaldevelopmentassistancedefinition): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Refugees (Family Reunion)'],
    ['parliament-public-bills-2018.rss', 'EEA Nationals (Indefinite Leave to Remain)'],
    'two different bills, each with its own page (2017-19/refugeesfamilyreunionbill, 2017-19/eeanationalsindefiniteleavetoremain): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Stalking Protection'],
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    'two different bills, each with its own page (2017-19/stalkingprotection, 2017-19/nuclearsafeguards): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    ['parliament-public-bills-2018.rss', 'International Development Assistance (Definition)'],
    'two different bills, each with its own page (2017-19/nuclearsafeguards, 2017-19/internationaldevelopmentassistancedefinition): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Postal Voting'],
    ['parliament-public-bills-2018.rss', 'Local Government Elections (Referendum)'],
    'two different bills, each with its own page (2017-19/postalvoting, 2017-19/localgovernmentelectionsreferendum): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Workers (Definition and Rights)'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/workersdefinitionandrights, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', "Employment and Workers' Rights"],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/employmentandworkersrights, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Extension of Franchise (House of Lords)'],
    ['parliament-public-bills-2018.rss', 'House of Lords'],
    'two different bills, each with its own page (2017-19/extensionoffranchisehouseoflords, 2017-19/houseoflords): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Public Services (Availability)'],
    ['parliament-public-bills-2018.rss', 'Benefits and Public Services (Restriction)'],
    'two different bills, each with its own page (2017-19/publicservicesavailability, 2017-19/benefitsandpublicservicesrestriction): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Ivory'],
    ['parliament-public-bills-2018.rss', 'Local Electricity'],
    'two different bills, each with its own page (2017-19/ivory, 2017-19/localelectricity): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Ivory'],
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    'two different bills, each with its own page (2017-19/ivory, 2017-19/unsolicitedcallsprevention): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Ivory'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/ivory, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'House of Lords (Abolition and Replacement)'],
    ['parliament-public-bills-2018.rss', 'House of Lords (Hereditary Peers) (Abolition of By-Elections)'],
    'two different bills, each with its own page (2017-19/houseoflordsabolitionandreplacement, 2017-19/houseoflordshereditarypeersabolitionofbyelections): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-private-bills-2018.rss', 'University of London'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/universityoflondon): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    ['parliament-private-bills-2018.rss', 'University of London'],
    'two different bills, each with its own page (2017-19/nuclearsafeguards, 2017-19/universityoflondon): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Electoral Candidate (Age)'],
    ['parliament-public-bills-2018.rss', 'Voter Registration'],
    'two different bills, each with its own page (2017-19/electoralcandidateage, 2017-19/voterregistration): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Import Tariff (Reduction)'],
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    'two different bills, each with its own page (2017-19/importtariffreduction, 2017-19/protectionofpollinators): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Import Tariff (Reduction)'],
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    'two different bills, each with its own page (2017-19/importtariffreduction, 2017-19/nuclearsafeguards): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Ivory'],
    ['parliament-public-bills-2018.rss', 'Voter Registration'],
    'two different bills, each with its own page (2017-19/ivory, 2017-19/voterregistration): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Physician Associates (Regulation)'],
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    'two different bills, each with its own page (2017-19/physicianassociatesregulation, 2017-19/unsolicitedcallsprevention): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Physician Associates (Regulation)'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/physicianassociatesregulation, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-public-bills-2018.rss', 'Stalking Protection'],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/stalkingprotection): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-public-bills-2018.rss', 'International Development Assistance (Definition)'],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/internationaldevelopmentassistancedefinition): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Modern Slavery (Victim Support)'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/modernslaveryvictimsupport): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Stalking Protection'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/stalkingprotection, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    ['parliament-public-bills-2018.rss', 'Modern Slavery (Victim Support)'],
    'two different bills, each with its own page (2017-19/nuclearsafeguards, 2017-19/modernslaveryvictimsupport): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'International Development Assistance (Definition)'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/internationaldevelopmentassistancedefinition, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Workers (Definition and Rights)'],
    ['parliament-public-bills-2018.rss', 'Space Industry'],
    'two different bills, each with its own page (2017-19/workersdefinitionandrights, 2017-19/spaceindustrybill): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Workers (Definition and Rights)'],
    ['parliament-public-bills-2018.rss', 'Succession to Peerages'],
    'two different bills, each with its own page (2017-19/workersdefinitionandrights, 2017-19/successiontopeerages): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', "Employment and Workers' Rights"],
    ['parliament-public-bills-2018.rss', 'Space Industry'],
    'two different bills, each with its own page (2017-19/employmentandworkersrights, 2017-19/spaceindustrybill): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Refugees (Family Reunion) (No. 2)'],
    ['parliament-public-bills-2018.rss', 'EEA Nationals (Indefinite Leave to Remain)'],
    'two different bills, each with its own page (2017-19/refugeesfamilyreunionno2, 2017-19/eeanationalsindefiniteleavetoremain): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Physician Associates (Regulation)'],
    ['parliament-public-bills-2018.rss', 'Working Time (Regulations)'],
    'two different bills, each with its own page (2017-19/physicianassociatesregulation, 2017-19/workingtimeregulations): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'House of Lords (Abolition and Replacement)'],
    ['parliament-public-bills-2018.rss', 'Extension of Franchise (House of Lords)'],
    'two different bills, each with its own page (2017-19/houseoflordsabolitionandreplacement, 2017-19/extensionoffranchisehouseoflords): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Human Trafficking (Child Protection)'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/humantraffickingchildprotection): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'International Development Assistance (Definition)'],
    ['parliament-public-bills-2018.rss', 'Official Development Assistance Target (Repeal)'],
    'two different bills, each with its own page (2017-19/internationaldevelopmentassistancedefinition, 2017-19/officialdevelopmentassistancetargetrepeal): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Private Landlords (Registration)'],
    ['parliament-public-bills-2018.rss', 'Voter Registration'],
    'two different bills, each with its own page (2017-19/privatelandlordsregistration, 2017-19/voterregistration): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Shared Parental Leave and Pay (Extension)'],
    ['parliament-public-bills-2018.rss', 'Parental Bereavement (Leave and Pay)'],
    'two different bills, each with its own page (2017-19/sharedparentalleaveandpayextension, 2017-19/parentalbereavementleaveandpay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'International Development Assistance (Limit)'],
    ['parliament-public-bills-2018.rss', 'International Development Assistance (Definition)'],
    'two different bills, each with its own page (2017-19/internationaldevelopmentassistancelimit, 2017-19/internationaldevelopmentassistancedefinition): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', "Representation of the People (Young People's Enfranchisement and Education)"],
    ['parliament-public-bills-2018.rss', 'Voting Age (Reduction)'],
    'two different bills, each with its own page (2017-19/representationofthepeopleyoungpeoplesenfranchisementandeducation, 2017-19/votingagereduction): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Clean Air (Human Rights)'],
    ['parliament-public-bills-2018.rss', 'Clean Air'],
    'two different bills, each with its own page (2017-19/cleanairhumanrights, 2017-19/cleanair): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Benefits and Public Services (Restriction)'],
    ['parliament-public-bills-2018.rss', 'Public Service Broadcasters (Privatisation)'],
    'two different bills, each with its own page (2017-19/benefitsandpublicservicesrestriction, 2017-19/publicservicebroadcastersprivatisation): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Non-Domestic Rating (Nursery Grounds)'],
    ['parliament-public-bills-2018.rss', 'Telecommunications Infrastructure (Relief from Non-Domestic Rates)'],
    'two different bills, each with its own page (2017-19/nondomesticratingnurserygrounds, 2017-19/telecommunicationsinfrastructurerelieffromnondomesticrates): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Import Tariff (Reduction)'],
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    'two different bills, each with its own page (2017-19/importtariffreduction, 2017-19/unsolicitedcallsprevention): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Import Tariff (Reduction)'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/importtariffreduction, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Healthcare (Local Accountability)'],
    ['parliament-public-bills-2018.rss', 'Local Health Scrutiny'],
    'two different bills, each with its own page (2017-19/healthcarelocalaccountability, 2017-19/localhealthscrutiny): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Domestic Energy (Value Added Tax)'],
    ['parliament-public-bills-2018.rss', 'Value Added Tax'],
    'two different bills, each with its own page (2017-19/domesticenergyvalueaddedtax, 2017-19/valueaddedtax): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Fruit and Vegetables (Classification)'],
    ['parliament-public-bills-2018.rss', "Employment and Workers' Rights"],
    'two different bills, each with its own page (2017-19/fruitandvegetablesclassification, 2017-19/employmentandworkersrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Housing Reform'],
    ['parliament-public-bills-2018.rss', 'Finance'],
    'two different bills, each with its own page (2017-19/housingreform, 2017-19/financeno2): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Ivory'],
    ['parliament-public-bills-2018.rss', 'Anti-Loitering Devices (Regulation)'],
    'two different bills, each with its own page (2017-19/ivory, 2017-19/antiloiteringdevicesregulation): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Ivory'],
    ['parliament-public-bills-2018.rss', 'Space Industry'],
    'two different bills, each with its own page (2017-19/ivory, 2017-19/spaceindustrybill): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Ivory'],
    ['parliament-public-bills-2018.rss', 'Succession to Peerages'],
    'two different bills, each with its own page (2017-19/ivory, 2017-19/successiontopeerages): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Physician Associates (Regulation)'],
    ['parliament-public-bills-2018.rss', 'Construction (Retention Deposit Schemes)'],
    'two different bills, each with its own page (2017-19/physicianassociatesregulation, 2017-19/constructionretentiondepositschemes): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Physician Associates (Regulation)'],
    ['parliament-public-bills-2018.rss', 'Space Industry'],
    'two different bills, each with its own page (2017-19/physicianassociatesregulation, 2017-19/spaceindustrybill): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Shared Parental Leave and Pay (Extension)'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/sharedparentalleaveandpayextension, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Anti-Loitering Devices (Regulation)'],
    ['parliament-public-bills-2018.rss', 'Fetal Dopplers (Regulation)'],
    'two different bills, each with its own page (2017-19/antiloiteringdevicesregulation, 2017-19/fetaldopplersregulation): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Construction (Retention Deposit Schemes)'],
    ['parliament-public-bills-2018.rss', 'Stalking Protection'],
    'two different bills, each with its own page (2017-19/constructionretentiondepositschemes, 2017-19/stalkingprotection): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Local Electricity'],
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    'two different bills, each with its own page (2017-19/localelectricity, 2017-19/protectionofpollinators): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Local Electricity'],
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    'two different bills, each with its own page (2017-19/localelectricity, 2017-19/nuclearsafeguards): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-public-bills-2018.rss', 'Modern Slavery (Victim Support)'],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/modernslaveryvictimsupport): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-private-bills-2018.rss', 'University of London'],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/universityoflondon): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'House of Lords (Abolition and Replacement)'],
    ['parliament-public-bills-2018.rss', 'House of Lords'],
    'two different bills, each with its own page (2017-19/houseoflordsabolitionandreplacement, 2017-19/houseoflords): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Local Health Scrutiny'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/localhealthscrutiny): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Carbon Monoxide (Detection and Safety)'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/carbonmonoxidedetectionandsafety): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Working Time (Regulations)'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/workingtimeregulations): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Parental Bereavement (Leave and Pay)'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/parentalbereavementleaveandpay, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Stalking Protection'],
    ['parliament-public-bills-2018.rss', 'Space Industry'],
    'two different bills, each with its own page (2017-19/stalkingprotection, 2017-19/spaceindustrybill): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Local Health Scrutiny'],
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    'two different bills, each with its own page (2017-19/localhealthscrutiny, 2017-19/nuclearsafeguards): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Local Health Scrutiny'],
    ['parliament-public-bills-2018.rss', 'Northamptonshire Clinical Commissioning Groups (Merger)'],
    'two different bills, each with its own page (2017-19/localhealthscrutiny, 2017-19/northamptonshireclinicalcommissioninggroupsmerger): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    ['parliament-public-bills-2018.rss', 'Carbon Monoxide (Detection and Safety)'],
    'two different bills, each with its own page (2017-19/nuclearsafeguards, 2017-19/carbonmonoxidedetectionandsafety): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    ['parliament-public-bills-2018.rss', 'Working Time (Regulations)'],
    'two different bills, each with its own page (2017-19/nuclearsafeguards, 2017-19/workingtimeregulations): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Postal Voting'],
    ['parliament-public-bills-2018.rss', 'House of Lords'],
    'two different bills, each with its own page (2017-19/postalvoting, 2017-19/houseoflords): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'International Development Assistance (Definition)'],
    ['parliament-public-bills-2018.rss', 'Space Industry'],
    'two different bills, each with its own page (2017-19/internationaldevelopmentassistancedefinition, 2017-19/spaceindustrybill): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'House of Peers'],
    ['parliament-public-bills-2018.rss', 'House of Lords (Exclusion of Hereditary Peers)'],
    'two different bills, each with its own page (2017-19/houseofpeers, 2017-19/houseoflordsexclusionofhereditarypeers): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Modern Slavery (Victim Support)'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/modernslaveryvictimsupport, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Voter Registration (No. 2)'],
    ['parliament-public-bills-2018.rss', 'Electoral Candidate (Age)'],
    'two different bills, each with its own page (2017-19/voterregistrationno2, 2017-19/electoralcandidateage): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    ['parliament-private-bills-2018.rss', 'University of London'],
    'two different bills, each with its own page (2017-19/holidaypay, 2017-19/universityoflondon): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Shared Parental Leave and Pay (Extension)'],
    ['parliament-public-bills-2018.rss', 'Parental Leave and Pay Arrangements (Publication)'],
    'two different bills, each with its own page (2017-19/sharedparentalleaveandpayextension, 2017-19/parentalleaveandpayarrangementspublication): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Parental Bereavement (Leave and Pay)'],
    ['parliament-public-bills-2018.rss', 'Parental Leave and Pay Arrangements (Publication)'],
    'two different bills, each with its own page (2017-19/parentalbereavementleaveandpay, 2017-19/parentalleaveandpayarrangementspublication): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'BBC Licence Fee (Civil Penalty)'],
    ['parliament-public-bills-2018.rss', 'BBC Licence Fee'],
    'two different bills, each with its own page (2017-19/bbclicencefeecivilpenalty, 2017-19/bbclicencefee): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Refugees (Family Reunion)'],
    ['parliament-public-bills-2018.rss', 'Border Control'],
    'two different bills, each with its own page (2017-19/refugeesfamilyreunionbill, 2017-19/bordercontrol): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'International Development (Safeguarding Vulnerable Groups)'],
    ['parliament-public-bills-2018.rss', 'International Development Assistance (Definition)'],
    'two different bills, each with its own page (2017-19/internationaldevelopmentsafeguardingvulnerablegroups, 2017-19/internationaldevelopmentassistancedefinition): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', "Representation of the People (Young People's Enfranchisement)"],
    ['parliament-public-bills-2018.rss', 'Voting Age (Reduction)'],
    'two different bills, each with its own page (2017-19/representationofthepeopleyoungpeoplesenfranchisement, 2017-19/votingagereduction): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'British Broadcasting Corporation (Oversight)'],
    ['parliament-public-bills-2018.rss', 'Public Service Broadcasters (Privatisation)'],
    'two different bills, each with its own page (2017-19/britishbroadcastingcorporationoversight, 2017-19/publicservicebroadcastersprivatisation): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Local Roads (Investment)'],
    ['parliament-public-bills-2018.rss', 'Local Authorities (Borrowing and Investment)'],
    'two different bills, each with its own page (2017-19/localroadsinvestment, 2017-19/localauthoritiesborrowingandinvestment): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Anti-Loitering Devices (Regulation)'],
    ['parliament-public-bills-2018.rss', 'Drone (Regulation)'],
    'two different bills, each with its own page (2017-19/antiloiteringdevicesregulation, 2017-19/droneregulation): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Criminal Records (Childhood Offences)'],
    ['parliament-public-bills-2018.rss', 'Stalking Protection'],
    'two different bills, each with its own page (2017-19/criminalrecordschildhoodoffences, 2017-19/stalkingprotection): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Haulage Permits and Trailer Registration'],
    ['parliament-public-bills-2018.rss', 'International Development Assistance (Definition)'],
    'two different bills, each with its own page (2017-19/haulagepermitsandtrailerregistrationbill, 2017-19/internationaldevelopmentassistancedefinition): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Access to Welfare (Terminal Illness Definition)'],
    ['parliament-public-bills-2018.rss', 'Workers (Definition and Rights)'],
    'two different bills, each with its own page (2017-19/accesstowelfareterminalillnessdefinition, 2017-19/workersdefinitionandrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Animal Welfare (Service Animals)'],
    ['parliament-public-bills-2018.rss', 'Pets (Theft)'],
    'two different bills, each with its own page (2017-19/animalwelfareserviceanimals, 2017-19/petstheft): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'June Bank Holiday (Creation)'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/junebankholidaycreation, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Modern Slavery (Victim Support)'],
    ['parliament-public-bills-2018.rss', 'Modern Slavery (Transparency in Supply Chains)'],
    'two different bills, each with its own page (2017-19/modernslaveryvictimsupport, 2017-19/modernslaverytransparencyinsupplychains): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Voter Registration (No. 2)'],
    ['parliament-public-bills-2018.rss', 'Private Landlords (Registration)'],
    'two different bills, each with its own page (2017-19/voterregistrationno2, 2017-19/privatelandlordsregistration): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Homeless People (Current Accounts)'],
    ['parliament-public-bills-2018.rss', 'Working Time (Regulations)'],
    'two different bills, each with its own page (2017-19/homelesspeoplecurrentaccounts, 2017-19/workingtimeregulations): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Public Services (Availability)'],
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    'two different bills, each with its own page (2017-19/publicservicesavailability, 2017-19/protectionofpollinators): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Public Services (Availability)'],
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    'two different bills, each with its own page (2017-19/publicservicesavailability, 2017-19/nuclearsafeguards): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Import Tariff (Reduction)'],
    ['parliament-public-bills-2018.rss', 'Space Industry'],
    'two different bills, each with its own page (2017-19/importtariffreduction, 2017-19/spaceindustrybill): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Ivory'],
    ['parliament-public-bills-2018.rss', 'Unpaid Trial Work Periods (Prohibition)'],
    'two different bills, each with its own page (2017-19/ivory, 2017-19/unpaidtrialworkperiodsprohibition): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Ivory'],
    ['parliament-public-bills-2018.rss', 'Voter Registration (No. 2)'],
    'two different bills, each with its own page (2017-19/ivory, 2017-19/voterregistrationno2): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Ivory'],
    ['parliament-public-bills-2018.rss', 'Parliamentary Allowances (Restriction)'],
    'two different bills, each with its own page (2017-19/ivory, 2017-19/parliamentaryallowancesrestriction): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Physician Associates (Regulation)'],
    ['parliament-public-bills-2018.rss', 'Workers (Definition and Rights)'],
    'two different bills, each with its own page (2017-19/physicianassociatesregulation, 2017-19/workersdefinitionandrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Physician Associates (Regulation)'],
    ['parliament-public-bills-2018.rss', "Employment and Workers' Rights"],
    'two different bills, each with its own page (2017-19/physicianassociatesregulation, 2017-19/employmentandworkersrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Construction (Retention Deposit Schemes)'],
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    'two different bills, each with its own page (2017-19/constructionretentiondepositschemes, 2017-19/protectionofpollinators): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Construction (Retention Deposit Schemes)'],
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    'two different bills, each with its own page (2017-19/constructionretentiondepositschemes, 2017-19/nuclearsafeguards): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-public-bills-2018.rss', 'Local Health Scrutiny'],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/localhealthscrutiny): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-public-bills-2018.rss', 'Carbon Monoxide (Detection and Safety)'],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/carbonmonoxidedetectionandsafety): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-public-bills-2018.rss', 'Working Time (Regulations)'],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/workingtimeregulations): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Rivers Authorities and Land Drainage'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/riversauthoritiesandlanddrainage): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'North Northamptonshire (Urgent Care Facilities)'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/northnorthamptonshireurgentcarefacilities): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Local Authorities (Removal of Council Tax Restrictions)'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/localauthoritiesremovalofcounciltaxrestrictions): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Stalking Protection'],
    ['parliament-public-bills-2018.rss', 'Workers (Definition and Rights)'],
    'two different bills, each with its own page (2017-19/stalkingprotection, 2017-19/workersdefinitionandrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Stalking Protection'],
    ['parliament-public-bills-2018.rss', "Employment and Workers' Rights"],
    'two different bills, each with its own page (2017-19/stalkingprotection, 2017-19/employmentandworkersrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Local Health Scrutiny'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/localhealthscrutiny, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    ['parliament-public-bills-2018.rss', 'Rivers Authorities and Land Drainage'],
    'two different bills, each with its own page (2017-19/nuclearsafeguards, 2017-19/riversauthoritiesandlanddrainage): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    ['parliament-public-bills-2018.rss', 'North Northamptonshire (Urgent Care Facilities)'],
    'two different bills, each with its own page (2017-19/nuclearsafeguards, 2017-19/northnorthamptonshireurgentcarefacilities): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    ['parliament-public-bills-2018.rss', 'Local Authorities (Removal of Council Tax Restrictions)'],
    'two different bills, each with its own page (2017-19/nuclearsafeguards, 2017-19/localauthoritiesremovalofcounciltaxrestrictions): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'International Development Assistance (Definition)'],
    ['parliament-public-bills-2018.rss', "Employment and Workers' Rights"],
    'two different bills, each with its own page (2017-19/internationaldevelopmentassistancedefinition, 2017-19/employmentandworkersrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Modern Slavery (Victim Support)'],
    ['parliament-public-bills-2018.rss', 'Space Industry'],
    'two different bills, each with its own page (2017-19/modernslaveryvictimsupport, 2017-19/spaceindustrybill): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Carbon Monoxide (Detection and Safety)'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/carbonmonoxidedetectionandsafety, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    ['parliament-public-bills-2018.rss', 'Working Time (Regulations)'],
    'two different bills, each with its own page (2017-19/holidaypay, 2017-19/workingtimeregulations): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Terms of Withdrawal from EU (Referendum)'],
    ['parliament-public-bills-2018.rss', 'European Union (Referendum on the Withdrawal Agreement)'],
    'two different bills, each with its own page (2017-19/termsofwithdrawalfromeureferendum, 2017-19/europeanunionreferendumonthewithdrawalagreement): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Housing Reform'],
    ['parliament-public-bills-2018.rss', 'Finance (No.2)'],
    'two different bills, each with its own page (2017-19/housingreform, 2017-19/finance): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Ivory'],
    ['parliament-public-bills-2018.rss', 'Representation of the People (Gibraltar)'],
    'two different bills, each with its own page (2017-19/ivory, 2017-19/representationofthepeoplegibraltar): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Ivory'],
    ['parliament-public-bills-2018.rss', 'Workers (Definition and Rights)'],
    'two different bills, each with its own page (2017-19/ivory, 2017-19/workersdefinitionandrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Ivory'],
    ['parliament-public-bills-2018.rss', "Employment and Workers' Rights"],
    'two different bills, each with its own page (2017-19/ivory, 2017-19/employmentandworkersrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'National Health Service'],
    ['parliament-public-bills-2018.rss', 'Youth (Services and Provisions)'],
    'two different bills, each with its own page (2017-19/nationalhealthservice, 2017-19/youthservicesandprovisions): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Local Electricity'],
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    'two different bills, each with its own page (2017-19/localelectricity, 2017-19/unsolicitedcallsprevention): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Local Electricity'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/localelectricity, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Succession to Peerages'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/successiontopeerages): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'European Union (Withdrawal)'],
    ['parliament-public-bills-2018.rss', 'European Union (Return of Contributions)'],
    'two different bills, each with its own page (2017-19/europeanunionwithdrawal, 2017-19/europeanunionreturnofcontributions): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    ['parliament-public-bills-2018.rss', 'Succession to Peerages'],
    'two different bills, each with its own page (2017-19/nuclearsafeguards, 2017-19/successiontopeerages): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Space Industry'],
    ['parliament-private-bills-2018.rss', 'University of London'],
    'two different bills, each with its own page (2017-19/spaceindustrybill, 2017-19/universityoflondon): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Import Tariff (Reduction)'],
    ['parliament-public-bills-2018.rss', 'Haulage Permits and Trailer Registration'],
    'two different bills, each with its own page (2017-19/importtariffreduction, 2017-19/haulagepermitsandtrailerregistrationbill): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Shared Parental Leave and Pay (Extension)'],
    ['parliament-public-bills-2018.rss', 'Workers (Definition and Rights)'],
    'two different bills, each with its own page (2017-19/sharedparentalleaveandpayextension, 2017-19/workersdefinitionandrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Shared Parental Leave and Pay (Extension)'],
    ['parliament-public-bills-2018.rss', "Employment and Workers' Rights"],
    'two different bills, each with its own page (2017-19/sharedparentalleaveandpayextension, 2017-19/employmentandworkersrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Representation of the People (Gibraltar)'],
    ['parliament-public-bills-2018.rss', 'Leader of the House of Commons (Election)'],
    'two different bills, each with its own page (2017-19/representationofthepeoplegibraltar, 2017-19/leaderofthehouseofcommonselection): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Local Health Scrutiny'],
    ['parliament-public-bills-2018.rss', 'Rivers Authorities and Land Drainage'],
    'two different bills, each with its own page (2017-19/localhealthscrutiny, 2017-19/riversauthoritiesandlanddrainage): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Local Health Scrutiny'],
    ['parliament-public-bills-2018.rss', 'Local Authorities (Removal of Council Tax Restrictions)'],
    'two different bills, each with its own page (2017-19/localhealthscrutiny, 2017-19/localauthoritiesremovalofcounciltaxrestrictions): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Business of the House Commission'],
    ['parliament-public-bills-2018.rss', 'Parliamentary Allowances (Restriction)'],
    'two different bills, each with its own page (2017-19/businessofthehousecommission, 2017-19/parliamentaryallowancesrestriction): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Homelessness (End of Life Care)'],
    ['parliament-public-bills-2018.rss', 'Terminal Illness (Provision of Palliative Care and Support for Carers)'],
    'two different bills, each with its own page (2017-19/homelessnessendoflifecare, 2017-19/terminalillnessprovisionofpalliativecareandsupportforcarers): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Criminal Fraud (Private Prosecutions)'],
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    'two different bills, each with its own page (2017-19/criminalfraudprivateprosecutions, 2017-19/protectionofpollinators): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Criminal Fraud (Private Prosecutions)'],
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    'two different bills, each with its own page (2017-19/criminalfraudprivateprosecutions, 2017-19/nuclearsafeguards): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Public Services (Availability)'],
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    'two different bills, each with its own page (2017-19/publicservicesavailability, 2017-19/unsolicitedcallsprevention): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Import Tariff (Reduction)'],
    ['parliament-public-bills-2018.rss', 'Workers (Definition and Rights)'],
    'two different bills, each with its own page (2017-19/importtariffreduction, 2017-19/workersdefinitionandrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Import Tariff (Reduction)'],
    ['parliament-public-bills-2018.rss', "Employment and Workers' Rights"],
    'two different bills, each with its own page (2017-19/importtariffreduction, 2017-19/employmentandworkersrights): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Fruit and Vegetables (Classification)'],
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    'two different bills, each with its own page (2017-19/fruitandvegetablesclassification, 2017-19/protectionofpollinators): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Fruit and Vegetables (Classification)'],
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    'two different bills, each with its own page (2017-19/fruitandvegetablesclassification, 2017-19/nuclearsafeguards): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Housing Reform'],
    ['parliament-public-bills-2018.rss', 'Youth (Services and Provisions)'],
    'two different bills, each with its own page (2017-19/housingreform, 2017-19/youthservicesandprovisions): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Physician Associates (Regulation)'],
    ['parliament-public-bills-2018.rss', 'Fetal Dopplers (Regulation)'],
    'two different bills, each with its own page (2017-19/physicianassociatesregulation, 2017-19/fetaldopplersregulation): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Physician Associates (Regulation)'],
    ['parliament-public-bills-2018.rss', 'International Development Assistance (Definition)'],
    'two different bills, each with its own page (2017-19/physicianassociatesregulation, 2017-19/internationaldevelopmentassistancedefinition): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Construction (Retention Deposit Schemes)'],
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    'two different bills, each with its own page (2017-19/constructionretentiondepositschemes, 2017-19/unsolicitedcallsprevention): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Construction (Retention Deposit Schemes)'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/constructionretentiondepositschemes, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'European Union Withdrawal Agreement (Public Vote)'],
    ['parliament-public-bills-2018.rss', 'European Union (Information, etc.)'],
    'two different bills, each with its own page (2017-19/europeanunionwithdrawalagreementpublicvote, 2017-19/europeanunioninformationetc): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Local Electricity'],
    ['parliament-public-bills-2018.rss', 'Collective Defined Contribution Pension Schemes'],
    'two different bills, each with its own page (2017-19/localelectricity, 2017-19/collectivedefinedcontributionpensionschemes): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Alcohol (Minimum Pricing) (England)'],
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    'two different bills, each with its own page (2017-19/alcoholminimumpricingengland, 2017-19/protectionofpollinators): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Alcohol (Minimum Pricing) (England)'],
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    'two different bills, each with its own page (2017-19/alcoholminimumpricingengland, 2017-19/nuclearsafeguards): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-public-bills-2018.rss', 'Rivers Authorities and Land Drainage'],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/riversauthoritiesandlanddrainage): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-public-bills-2018.rss', 'North Northamptonshire (Urgent Care Facilities)'],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/northnorthamptonshireurgentcarefacilities): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Unsolicited Calls (Prevention)'],
    ['parliament-public-bills-2018.rss', 'Local Authorities (Removal of Council Tax Restrictions)'],
    'two different bills, each with its own page (2017-19/unsolicitedcallsprevention, 2017-19/localauthoritiesremovalofcounciltaxrestrictions): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Criminal Records (Childhood Offences)'],
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    'two different bills, each with its own page (2017-19/criminalrecordschildhoodoffences, 2017-19/protectionofpollinators): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Criminal Records (Childhood Offences)'],
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    'two different bills, each with its own page (2017-19/criminalrecordschildhoodoffences, 2017-19/nuclearsafeguards): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Haulage Permits and Trailer Registration'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/haulagepermitsandtrailerregistrationbill): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Ovarian Cancer (Public Awareness)'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/ovariancancerpublicawareness): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Protection of Pollinators'],
    ['parliament-public-bills-2018.rss', 'Policing Resources'],
    'two different bills, each with its own page (2017-19/protectionofpollinators, 2017-19/policingresources): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Registration of Marriage'],
    ['parliament-public-bills-2018.rss', 'Postal Voting'],
    'two different bills, each with its own page (2017-19/registrationofmarriage, 2017-19/postalvoting): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Haulage Permits and Trailer Registration'],
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    'two different bills, each with its own page (2017-19/haulagepermitsandtrailerregistrationbill, 2017-19/nuclearsafeguards): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Voyeurism (Offences)'],
    ['parliament-public-bills-2018.rss', 'Pets (Theft)'],
    'two different bills, each with its own page (2017-19/voyeurismoffences, 2017-19/petstheft): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Stalking Protection'],
    ['parliament-public-bills-2018.rss', 'International Development Assistance (Definition)'],
    'two different bills, each with its own page (2017-19/stalkingprotection, 2017-19/internationaldevelopmentassistancedefinition): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Local Health Scrutiny'],
    ['parliament-public-bills-2018.rss', 'Space Industry'],
    'two different bills, each with its own page (2017-19/localhealthscrutiny, 2017-19/spaceindustrybill): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    ['parliament-public-bills-2018.rss', 'Ovarian Cancer (Public Awareness)'],
    'two different bills, each with its own page (2017-19/nuclearsafeguards, 2017-19/ovariancancerpublicawareness): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Nuclear Safeguards'],
    ['parliament-public-bills-2018.rss', 'Policing Resources'],
    'two different bills, each with its own page (2017-19/nuclearsafeguards, 2017-19/policingresources): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-public-bills-2018.rss', 'Rivers Authorities and Land Drainage'],
    ['parliament-public-bills-2018.rss', 'Holiday Pay'],
    'two different bills, each with its own page (2017-19/riversauthoritiesandlanddrainage, 2017-19/holidaypay): what they share is the "A Bill to make provision … and for connected purposes" form or a subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'Election Planning and Services examined with MPs and staff'],
    ['parliament-admin-committee-2019.rss', 'Election Planning and Services inquiry launched'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'Accommodation and digital provision for MPs examined'],
    ['parliament-admin-committee-2019.rss', 'Election Planning and Services examined with MPs and staff'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'Administration Committee membership agreed'],
    ['parliament-admin-committee-2019.rss', 'Administration Committee membership at the end of Parliament 2015-17'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'IPSA questioned on election planning'],
    ['parliament-admin-committee-2019.rss', 'Election Planning and Services examined with MPs and staff'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'IPSA questioned on election planning'],
    ['parliament-admin-committee-2019.rss', 'Election Planning and Services inquiry launched'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'Accommodation and digital provision for MPs examined'],
    ['parliament-admin-committee-2019.rss', 'Election Planning and Services inquiry launched'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'General Election Planning and Services responses published'],
    ['parliament-admin-committee-2019.rss', 'Election Planning and Services inquiry launched'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'IPSA questioned on election planning'],
    ['parliament-admin-committee-2019.rss', 'Members’ staff representatives questioned on election planning'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'General Election Planning and Services responses published'],
    ['parliament-admin-committee-2019.rss', 'Members’ staff representatives questioned on election planning'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'General Election Planning and Services responses published'],
    ['parliament-admin-committee-2019.rss', 'Election Planning and Services examined with MPs and staff'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'Members’ staff representatives questioned on election planning'],
    ['parliament-admin-committee-2019.rss', 'Election Planning and Services examined with MPs and staff'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'IPSA questioned on election planning'],
    ['parliament-admin-committee-2019.rss', 'Accommodation and digital provision for MPs examined'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'Administration Committee membership agreed'],
    ['parliament-admin-committee-2019.rss', 'General Election 2017 - Administration Committee'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', "MPs' induction has come on leaps and bounds, but digital focus needed"],
    ['parliament-admin-committee-2019.rss', 'Accommodation and digital provision for MPs examined'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'General Election Planning and Services responses published'],
    ['parliament-admin-committee-2019.rss', 'IPSA questioned on election planning'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', "MPs' induction has come on leaps and bounds, but digital focus needed"],
    ['parliament-admin-committee-2019.rss', 'Election Planning and Services examined with MPs and staff'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', "MPs' induction has come on leaps and bounds, but digital focus needed"],
    ['parliament-admin-committee-2019.rss', 'Election Planning and Services inquiry launched'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'Accommodation and digital provision for MPs examined'],
    ['parliament-admin-committee-2019.rss', 'Members’ staff representatives questioned on election planning'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'Members’ staff representatives questioned on election planning'],
    ['parliament-admin-committee-2019.rss', 'Election Planning and Services inquiry launched'],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
  d(
    ['parliament-admin-committee-2019.rss', 'General Election Planning and Services responses published'],
    ['parliament-admin-committee-2019.rss', "MPs' induction has come on leaps and bounds, but digital focus needed"],
    'two announcements of one committee at different times: they share its name and subject, not an event',
  ),
];

export const corpusPairs: readonly CorpusPair[] = [...newsPairs, ...legislationPairs, ...billFeedPairs, ...generatedPairs];
