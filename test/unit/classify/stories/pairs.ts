/**
 * Labelled headline pairs for measuring story clustering, written for this project in the style of
 * UK local and national coverage of London boroughs (no publisher's text is copied). Same-story
 * pairs are two outlets reporting one event in their own words; different-story pairs are the hard
 * cases: the same council, the same subject, a different event.
 */
export interface Side {
  readonly title: string;
  readonly summary: string;
}

export interface Pair {
  readonly a: Side;
  readonly b: Side;
  readonly same: boolean;
}

type Unlabelled = Omit<Pair, 'same'>;

const s = (title: string, summary = ''): Side => ({ title, summary });

export const samePairs: readonly Unlabelled[] = [
  {
    a: s(
      'Lewisham Mayor faces calls to resign over temporary accommodation contract',
      'Opposition councillors say Brenda Dacres must explain why a £4m contract was extended without a tender.',
    ),
    b: s(
      'Calls for Brenda Dacres to quit after £4m temporary accommodation deal extended without tender',
      'The Mayor of Lewisham is under pressure over the contract.',
    ),
  },
  {
    a: s(
      'Ombudsman criticises Lewisham Council over year-long delays to damp repairs',
      'A family waited 14 months for black mould to be treated, the Housing Ombudsman found.',
    ),
    b: s('Housing Ombudsman finds Lewisham Council left family with black mould for 14 months', 'The council has been ordered to pay compensation.'),
  },
  {
    a: s('Catford shopping centre regeneration plans approved by planning committee', '1,600 new homes will replace the 1970s Catford Centre.'),
    b: s('Green light for 1,600 homes at Catford Centre as regeneration approved', 'Councillors backed the scheme on Tuesday night.'),
  },
  {
    a: s(
      'Bakerloo line extension to Lewisham shelved as TfL funding runs out',
      'The extension through the Old Kent Road will not go ahead without government money.',
    ),
    b: s('TfL pauses Bakerloo line extension to Lewisham over funding gap', 'Campaigners say the Old Kent Road extension is vital for new homes.'),
  },
  {
    a: s('Deptford tower block evacuated after cladding fire safety fears', 'Residents of Hawkstone House were told to leave on Thursday.'),
    b: s('Hawkstone House residents in Deptford moved out over fire safety concerns', 'The council says the cladding must be replaced.'),
  },
  {
    a: s('Council tax in Lewisham to rise by 4.99 per cent', 'The budget approved on Wednesday includes £12m of savings.'),
    b: s('Lewisham agrees 4.99% council tax rise and £12m savings in budget', 'The Mayor said the council had no choice.'),
  },
  {
    a: s('Knife attack in Catford: teenager stabbed near Rushey Green', 'A 16-year-old boy was taken to hospital on Friday evening.'),
    b: s('Boy, 16, stabbed in Rushey Green, Catford', 'Police were called to the scene shortly after 6pm on Friday.'),
  },
  {
    a: s('Lewisham libraries to close on Mondays to save £400,000', 'Five branch libraries will cut opening hours from April.'),
    b: s('Monday closures for five Lewisham libraries in £400k savings plan', 'Campaigners have started a petition against the cuts.'),
  },
  {
    a: s('Low traffic neighbourhood in Lee Green to be made permanent', 'The LTN was introduced as a trial in 2020.'),
    b: s('Lee Green LTN made permanent after consultation', 'More than 4,000 people responded to the consultation.'),
  },
  {
    a: s('Southwark Council leader Kieron Williams announces resignation', 'He has led the council since 2020.'),
    b: s('Kieron Williams to step down as leader of Southwark Council', 'A successor will be chosen by the Labour group next month.'),
  },
  {
    a: s(
      'Greenwich Council fined £150,000 after data breach exposed tenants details',
      'The Information Commissioner found personal data was left on an open server.',
    ),
    b: s('Information Commissioner fines Greenwich £150k over tenants data breach', 'Personal details of 3,000 tenants were exposed.'),
  },
  {
    a: s('Lambeth Council placed under government commissioners', 'The housing secretary has sent in commissioners after a damning inspection.'),
    b: s('Government sends commissioners into Lambeth after damning inspection', 'Ministers say the council failed in its best value duty.'),
  },
  {
    a: s('Heat network failure leaves 300 Lewisham homes without heating', 'Tenants on the Excalibur estate have been without hot water for a week.'),
    b: s('Excalibur estate: 300 homes without heating or hot water for a week', 'Lewisham Homes says engineers are working on the heat network.'),
  },
  {
    a: s('New secondary school for Lewisham approved despite objections', 'The 1,200-place school will open on the old Ladywell leisure centre site.'),
    b: s('Ladywell leisure centre site to become 1,200-place secondary school', 'Neighbours objected to traffic and noise.'),
  },
  {
    a: s('Sydenham Hill Wood bridge closed after safety inspection', 'The Victorian footbridge has been shut indefinitely.'),
    b: s('Victorian footbridge at Sydenham Hill Wood shut indefinitely', 'Engineers found cracks in the structure.'),
  },
  {
    a: s('Lewisham Hospital A&E waits worst in London, figures show', 'Patients waited more than 12 hours in 1,400 cases last month.'),
    b: s('Figures show 1,400 patients waited over 12 hours at Lewisham Hospital A&E', 'The trust says demand is at record levels.'),
  },
  {
    a: s(
      'Mayor Brenda Dacres apologises over SEND transport failures',
      'Dozens of children with special educational needs were left without school transport.',
    ),
    b: s('Lewisham Mayor says sorry after SEND pupils left without school transport', 'Parents said children missed days of school.'),
  },
  {
    a: s('£20m Levelling Up bid for Catford town centre rejected by government', 'The council had hoped to redesign the A205 road layout.'),
    b: s('Government turns down Catford £20m levelling up bid', 'The A205 realignment will now be delayed.'),
  },
  {
    a: s('Rough sleeping in Lewisham rises by 40 per cent in a year', 'Outreach workers counted 58 people sleeping rough in November.'),
    b: s('58 people found sleeping rough in Lewisham, up 40% on last year', 'Charities blame rising rents and evictions.'),
  },
  {
    a: s('Tenants win legal action against Lewisham Homes over disrepair', 'The High Court ruled the landlord had failed to fix leaks for three years.'),
    b: s('High Court rules Lewisham Homes failed tenants over three years of leaks', 'The tenants brought a disrepair claim.'),
  },
  {
    a: s('Councillor suspended by Labour over social media posts', 'Cllr James Rathbone has been suspended pending an investigation.'),
    b: s('Labour suspends Lewisham councillor James Rathbone pending investigation', 'The posts were reported to the party last week.'),
  },
  {
    a: s('Brockley Market forced to move after car park sold', 'The weekly food market has run in the Lewisham College car park since 2011.'),
    b: s('Brockley Market must find a new home as college sells car park', 'Traders say they hope to stay in the area.'),
  },
  {
    a: s('Fire at Lewisham recycling centre sends smoke across south London', 'Forty firefighters tackled the blaze at the Landmann Way site.'),
    b: s('Forty firefighters tackle blaze at Landmann Way recycling centre', 'Residents were told to keep windows closed.'),
  },
  {
    a: s('Deptford Creek bridge to be replaced after 30 years', 'The swing bridge has been stuck open since last summer.'),
    b: s('Stuck swing bridge over Deptford Creek will be replaced', 'The council has set aside £6m for the work.'),
  },
  {
    a: s('Lewisham declares housing emergency as waiting list hits 10,000', 'The council says it cannot find enough temporary accommodation.'),
    b: s('Housing emergency declared in Lewisham with 10,000 households waiting', 'The Mayor called on the government for more funding.'),
  },
  {
    a: s('Government inspectors rate Lewisham children’s services inadequate', 'Ofsted found serious weaknesses in how the council protects children.'),
    b: s('Ofsted: Lewisham children’s services inadequate after inspection', 'Inspectors found serious weaknesses in child protection.'),
  },
  {
    a: s('Lewisham to ban fast food adverts near schools', 'The council will stop adverts for food high in fat, salt and sugar within 400m of schools.'),
    b: s('Junk food ads banned within 400m of Lewisham schools', 'The policy follows similar moves by other London boroughs.'),
  },
  {
    a: s('Beckenham Place Park lake closed to swimmers after algae found', 'Blue-green algae was found in routine water tests.'),
    b: s('Blue-green algae shuts swimming lake at Beckenham Place Park', 'The council says the lake will reopen when tests are clear.'),
  },
  {
    a: s('Lewisham Council pays £2m to settle equal pay claims', 'About 400 mostly female staff brought the claims.'),
    b: s('Equal pay: Lewisham settles claims from 400 staff for £2m', 'Unison says the settlement is a victory for low-paid women.'),
  },
  {
    a: s('Man arrested after Catford police station attack', 'Two officers were injured in the incident on Sunday.'),
    b: s('Two officers injured in attack at Catford police station, man arrested', 'The Met said the officers had minor injuries.'),
  },
  {
    a: s('Lewisham Mayor Brenda Dacres cleared by standards investigation', 'An independent investigator found no breach of the code of conduct.'),
    b: s('Standards investigation clears Brenda Dacres of code of conduct breach', 'The complaint was made by an opposition councillor.'),
  },
  {
    a: s('Planning inspector overturns refusal of 26-storey tower in Lewisham', 'The council had rejected the scheme near the station.'),
    b: s('26-storey Lewisham tower allowed on appeal by planning inspector', 'Councillors had refused the scheme over its height.'),
  },
  {
    a: s('Bus route 185 to be cut back from Victoria, TfL confirms', 'The route will terminate at Camberwell from June.'),
    b: s('TfL confirms cut to 185 bus route, which will end at Camberwell', 'Passengers will have to change buses to reach Victoria.'),
  },
  {
    a: s('Council-run care home in Sydenham rated inadequate by CQC', 'Inspectors found residents were not given medicines safely.'),
    b: s('CQC rates Sydenham care home run by Lewisham Council inadequate', 'The council says it has made urgent improvements.'),
  },
  {
    a: s('Lewisham agrees £50m deal to buy 200 homes for homeless families', 'The homes will be used instead of bed and breakfast accommodation.'),
    b: s('200 homes bought in £50m deal to house homeless families in Lewisham', 'The council will stop using B&Bs for families.'),
  },
  {
    a: s('Hit-and-run driver jailed for killing cyclist in Lee', 'Daniel Hart was jailed for eight years at Woolwich Crown Court.'),
    b: s('Daniel Hart jailed for eight years for killing Lee cyclist in hit-and-run', 'The cyclist was hit on Burnt Ash Hill.'),
  },
];

export const differentPairs: readonly Unlabelled[] = [
  {
    a: s(
      'Lewisham Mayor faces calls to resign over temporary accommodation contract',
      'Opposition councillors say Brenda Dacres must explain why a £4m contract was extended without a tender.',
    ),
    b: s('Lewisham Mayor faces questions over Catford regeneration delays', 'The Catford Centre scheme is two years behind schedule.'),
  },
  {
    a: s('Ombudsman criticises Lewisham Council over year-long delays to damp repairs', 'A family waited 14 months for black mould to be treated.'),
    b: s('Ombudsman criticises Lewisham Council over handling of parking fine appeals', 'Drivers were wrongly charged for months.'),
  },
  {
    a: s('Council tax in Lewisham to rise by 4.99 per cent', 'The budget approved on Wednesday includes £12m of savings.'),
    b: s('Council tax in Greenwich to rise by 4.99 per cent', 'The council says it faces a £30m gap.'),
  },
  {
    a: s('Knife attack in Catford: teenager stabbed near Rushey Green', 'A 16-year-old boy was taken to hospital on Friday evening.'),
    b: s('Knife crime in Lewisham falls for second year, police say', 'The Met credits youth outreach work.'),
  },
  {
    a: s('Lewisham libraries to close on Mondays to save £400,000', 'Five branch libraries will cut opening hours from April.'),
    b: s('Lewisham library wins national award for reading scheme', 'The Deptford Lounge library was praised for its work with children.'),
  },
  {
    a: s('Low traffic neighbourhood in Lee Green to be made permanent', 'The LTN was introduced as a trial in 2020.'),
    b: s('New low traffic neighbourhood proposed for Brockley', 'Residents are asked for their views until March.'),
  },
  {
    a: s('Southwark Council leader Kieron Williams announces resignation', 'He has led the council since 2020.'),
    b: s('Lewisham cabinet member resigns over housing repairs backlog', 'The cabinet member for housing said she took responsibility.'),
  },
  {
    a: s('Deptford tower block evacuated after cladding fire safety fears', 'Residents of Hawkstone House were told to leave on Thursday.'),
    b: s('Fire at Lewisham recycling centre sends smoke across south London', 'Forty firefighters tackled the blaze at the Landmann Way site.'),
  },
  {
    a: s('Catford shopping centre regeneration plans approved by planning committee', '1,600 new homes will replace the 1970s Catford Centre.'),
    b: s('Catford shopping centre traders fear eviction as leases end', 'Shop owners say they have not been offered new premises.'),
  },
  {
    a: s(
      'Bakerloo line extension to Lewisham shelved as TfL funding runs out',
      'The extension through the Old Kent Road will not go ahead without government money.',
    ),
    b: s('DLR trains to Lewisham suspended for weekend engineering works', 'Replacement buses will run between Lewisham and Canary Wharf.'),
  },
  {
    a: s('Heat network failure leaves 300 Lewisham homes without heating', 'Tenants on the Excalibur estate have been without hot water for a week.'),
    b: s('Excalibur estate prefabs given listed status', 'Historic England says the post-war homes are of special interest.'),
  },
  {
    a: s('Lewisham Hospital A&E waits worst in London, figures show', 'Patients waited more than 12 hours in 1,400 cases last month.'),
    b: s('Lewisham Hospital opens new maternity unit', 'The £20m unit has 30 beds.'),
  },
  {
    a: s(
      'Mayor Brenda Dacres apologises over SEND transport failures',
      'Dozens of children with special educational needs were left without school transport.',
    ),
    b: s('Mayor Brenda Dacres opens new youth centre in Bellingham', 'The centre will offer music and sport five nights a week.'),
  },
  {
    a: s('Rough sleeping in Lewisham rises by 40 per cent in a year', 'Outreach workers counted 58 people sleeping rough in November.'),
    b: s('Lewisham opens winter night shelter for rough sleepers', 'The shelter in Catford has 20 beds.'),
  },
  {
    a: s('Tenants win legal action against Lewisham Homes over disrepair', 'The High Court ruled the landlord had failed to fix leaks for three years.'),
    b: s('Lewisham Homes to be brought back in-house by the council', 'The arm’s-length housing company will close next year.'),
  },
  {
    a: s('Councillor suspended by Labour over social media posts', 'Cllr James Rathbone has been suspended pending an investigation.'),
    b: s('Green councillor defects to independents in Lewisham', 'The defection leaves the council with two Green members.'),
  },
  {
    a: s('Lewisham declares housing emergency as waiting list hits 10,000', 'The council says it cannot find enough temporary accommodation.'),
    b: s('Southwark declares climate emergency and sets 2030 target', 'The council will publish an action plan in the spring.'),
  },
  {
    a: s('Government inspectors rate Lewisham children’s services inadequate', 'Ofsted found serious weaknesses in how the council protects children.'),
    b: s('Lewisham primary school rated outstanding by Ofsted', 'Inspectors praised the school’s reading programme.'),
  },
  {
    a: s(
      'Greenwich Council fined £150,000 after data breach exposed tenants details',
      'The Information Commissioner found personal data was left on an open server.',
    ),
    b: s('Greenwich Council tenants face rent rise of 7.7 per cent', 'The increase is the maximum allowed by government.'),
  },
  {
    a: s('Lambeth Council placed under government commissioners', 'The housing secretary has sent in commissioners after a damning inspection.'),
    b: s('Lambeth Council leader survives no confidence vote', 'Opposition councillors had criticised her handling of repairs.'),
  },
  {
    a: s('Lewisham to ban fast food adverts near schools', 'The council will stop adverts for food high in fat, salt and sugar within 400m of schools.'),
    b: s('Lewisham schools to get free breakfast clubs', 'Every primary school will offer a free breakfast from September.'),
  },
  {
    a: s('Bus route 185 to be cut back from Victoria, TfL confirms', 'The route will terminate at Camberwell from June.'),
    b: s('Bus route 47 extended to Lewisham Hospital, TfL confirms', 'The change follows a campaign by patients.'),
  },
  {
    a: s('Council-run care home in Sydenham rated inadequate by CQC', 'Inspectors found residents were not given medicines safely.'),
    b: s('Sydenham Hill Wood bridge closed after safety inspection', 'The Victorian footbridge has been shut indefinitely.'),
  },
  {
    a: s('Lewisham agrees £50m deal to buy 200 homes for homeless families', 'The homes will be used instead of bed and breakfast accommodation.'),
    b: s('Lewisham spends £30m on temporary accommodation for homeless families', 'The cost has doubled in three years.'),
  },
  {
    a: s('Planning inspector overturns refusal of 26-storey tower in Lewisham', 'The council had rejected the scheme near the station.'),
    b: s('Lewisham planning committee rejects 20-storey tower in Deptford', 'Councillors said the design was out of character.'),
  },
  {
    a: s('Lewisham Mayor Brenda Dacres cleared by standards investigation', 'An independent investigator found no breach of the code of conduct.'),
    b: s('Lewisham Mayor Brenda Dacres launches investigation into housing repairs', 'An independent review will report in the summer.'),
  },
  {
    a: s('Man arrested after Catford police station attack', 'Two officers were injured in the incident on Sunday.'),
    b: s('Man arrested after Deptford shop robbery', 'Cash and cigarettes were taken on Monday night.'),
  },
  {
    a: s('Hit-and-run driver jailed for killing cyclist in Lee', 'Daniel Hart was jailed for eight years at Woolwich Crown Court.'),
    b: s('New cycle lane for Lee High Road approved', 'The segregated lane will run from Lewisham to Lee Green.'),
  },
  {
    a: s('Beckenham Place Park lake closed to swimmers after algae found', 'Blue-green algae was found in routine water tests.'),
    b: s('Beckenham Place Park to host summer music festival', 'Up to 10,000 people a day are expected.'),
  },
  {
    a: s('Lewisham Council pays £2m to settle equal pay claims', 'About 400 mostly female staff brought the claims.'),
    b: s('Lewisham Council staff to strike over pay offer', 'Unison members voted for action in a ballot.'),
  },
  {
    a: s('Brockley Market forced to move after car park sold', 'The weekly food market has run in the Lewisham College car park since 2011.'),
    b: s('Lewisham Market traders protest against rent rises', 'Stallholders say fees have doubled.'),
  },
  {
    a: s('Deptford Creek bridge to be replaced after 30 years', 'The swing bridge has been stuck open since last summer.'),
    b: s('Deptford Creek cleaned up by volunteers', 'Two tonnes of rubbish were removed on Saturday.'),
  },
  {
    a: s('£20m Levelling Up bid for Catford town centre rejected by government', 'The council had hoped to redesign the A205 road layout.'),
    b: s('Government awards Lewisham £5m for youth services', 'The money will fund youth clubs and mentoring.'),
  },
  {
    a: s('New secondary school for Lewisham approved despite objections', 'The 1,200-place school will open on the old Ladywell leisure centre site.'),
    b: s('Two Lewisham primary schools to close as pupil numbers fall', 'The council says falling birth rates leave places empty.'),
  },
  {
    a: s('Lewisham Mayor faces calls to resign over temporary accommodation contract', 'Opposition councillors say the Mayor must explain the contract.'),
    b: s('Southwark leader faces calls to resign over temporary accommodation contract', 'Opposition councillors in Southwark want an inquiry into the deal.'),
  },
  {
    a: s('Housing Ombudsman finds severe maladministration by Southwark Council', 'A tenant was left without a working toilet for six months.'),
    b: s('Housing Ombudsman finds severe maladministration by Lewisham Council', 'A disabled resident waited a year for an adapted bathroom.'),
  },
];

export const pairs: readonly Pair[] = [...samePairs.map((p) => ({ ...p, same: true })), ...differentPairs.map((p) => ({ ...p, same: false }))];
