/** Word lists behind the hand-made features, the claim types and the signals. All lower case. */

/** Pure, so a bundle that uses none of the lists (the claims function) drops them. */
/* @__NO_SIDE_EFFECTS__ */ const set = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

export const ATTRIBUTION_VERBS = set(`
  said says say told tells tell added adds stated states announced announces reported reports claimed claims
  insisted insists warned warns argued argues noted notes confirmed confirms denied denies alleged alleges
  acknowledged acknowledges admitted admits disclosed revealed estimated estimates according testified wrote
  explained explains suggested suggests asserted asserts maintained maintains stressed stresses
  declared declares predicted predicts promised promises pledged pledges vowed vows complained complains
  accused accuses charged saying adding insisting warning arguing noting claiming calling
`);

export const NUMBER_WORDS = set(`
  one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
  eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands
  million millions billion billions trillion trillions dozen dozens half quarter third twice double doubled
  tripled triple quadrupled
`);

export const UNITS = set(`
  percent per cent percentage points point dollars dollar usd euros euro pounds pound yen rupees miles mile
  kilometers kilometres km kilograms kg tons tonnes barrels acres hectares degrees troops soldiers people jobs
  deaths cases votes years months weeks days hours minutes seconds times members states nations countries tanks
  jets missiles workers students children women men babies families households homes percent% gallons
`);

export const COMPARATIVES = set(`
  more less fewer greater higher lower larger smaller bigger biggest largest smallest highest lowest most least
  fewest increase increased increases decrease decreased decreases rise rose risen fall fell fallen grew grown
  growth declined decline dropped drop doubled tripled halved record than compared cut cuts raised raise
  best worst fastest slowest first last only
`);

export const CAUSAL = set(`
  because cause caused causes causing led leads result resulted results due thanks therefore consequently hence
  since effect effects impact blamed responsible so
`);

export const RULE_WORDS = set(`
  law laws illegal legal legally banned ban bans bill bills act legislation regulation regulations rule rules
  treaty treaties constitution constitutional court courts ruling ruled required requires require mandatory
  allowed allows prohibited prohibits vote voted votes veto vetoed signed passed sanctions sanction policy
  policies tax taxes amendment statute guarantee guarantees
`);

/** Words that make a claim a claim about a rule (law, regulation, treaty), for the claim type. */
export const RULE_TYPE_WORDS = set(`
  law laws illegal illegally legal legally banned ban bans bill bills legislation regulation regulations rule rules
  treaty treaties constitution constitutional unconstitutional ruling ruled required requires mandatory allowed
  prohibited prohibits veto vetoed statute statutes amendment lawful unlawful licence license permit permitted
  entitled obliged obligation
`);

/** Titles that can stand inside a name phrase before the person's name ("Deputy Foreign Minister Alexander Grushko"). */
export const TITLE_PARTS = set(`
  foreign defense defence interior finance home health justice state security homeland general attorney prime vice
  deputy assistant under chief executive press national senior acting former
`);

/** Function words never shown as "telling words". */
export const STOP_SIGNAL_WORDS = set(`
  the a an and or but if of in on at to for from by with as is are was were be been it its this that these those
  there here he she they we i you his her their our my your what who how when where which while so than then
  not no do does did has have had will would can could should may might must up out about into over after before
  also just only even now very more most some any all one u s us
`);

export const MODALS = set(`will would could should might may must can shall cannot can't won't wouldn't couldn't shouldn't`);

export const OPINION_WORDS = set(`
  think believe feel hope wish want glad happy sad proud sorry love hate like great wonderful terrible horrible
  awful amazing fantastic beautiful disgrace disgraceful ridiculous shame shameful tremendous incredible
  frankly honestly clearly obviously absolutely certainly surely ready fine good bad important
`);

export const FIRST_SINGULAR = set(`i me my mine myself i'm i've i'd i'll`);
export const FIRST_PLURAL = set(`we us our ours ourselves we're we've we'd we'll let's`);
export const SECOND_PERSON = set(`you your yours yourself you're you've you'd you'll`);

export const PAST_AUX = set(`was were had did been`);
export const PRESENT_AUX = set(`is are has have does do`);

export const MONTHS = set(`
  january february march april may june july august september october november december jan feb mar apr jun jul
  aug sep sept oct nov dec
`);
export const WEEKDAYS = set(`monday tuesday wednesday thursday friday saturday sunday`);

/** Capitalised words that are not names when they start a phrase. */
export const FUNCTION_WORDS = set(`
  the a an and or but if of in on at to for from by with as is are was were be been it its this that these those
  there here he she they we i you his her their our my your what who why how when where which while after before
  since so yet not no nor all some many most much more any each every both either neither one also then now still
  just even only about over under into onto upon than because although though however meanwhile amid despite
  mr mrs ms dr
`);

export const ORG_HINTS = set(`
  nato un eu who imf opec osce kremlin pentagon congress senate parliament ministry department agency council
  commission committee party government court army navy police bank university company corporation inc corp ltd
  association union league organization organisation institute foundation forces alliance administration
  house office bureau fbi cia nasa abc bbc cnn reuters ap afp getty times post journal
`);

export const PLACE_HINTS = set(`
  ukraine russia moscow kyiv kiev brussels geneva washington europe asia africa america china beijing india iran
  israel gaza syria iraq afghanistan france paris germany berlin britain london canada mexico japan tokyo crimea
  donetsk luhansk luganske belarus poland turkey texas california york florida ohio
`);

export const PERSON_TITLES = set(`
  president secretary minister deputy general gen senator sen rep representative governor gov mayor chancellor
  prime spokesman spokeswoman spokesperson ambassador director chief mr mrs ms dr prof king queen prince pope
  judge justice officer commander colonel col lieutenant sergeant captain chair chairman chairwoman ceo founder
  treasurer speaker leader
`);

/** Words that never head a speaker phrase. */
export const NOT_SPEAKERS = set(`it this that there which what who officials official`);

/** Subject pronouns that can stand for a speaker ("he said"). */
export const PRONOUNS = set(`he she they it we`);

/** Group and institution nouns that head a speaker phrase ("U.S. and NATO officials", "the finance department"). */
export const GROUP_NOUNS = set(`
  officials sources experts analysts diplomats leaders ministers spokesman spokeswoman spokesperson negotiators
  negotiator authorities police prosecutors researchers scientists government ministry statement report data figures
  study survey members allies lawmakers residents witnesses department agency office committee commission bureau court
  board institute association council administration campaign
`);

/** Roles that can head a speaker phrase in lower case ("the minister said"). */
export const ROLE_NOUNS = set(`
  minister president secretary chancellor spokesman spokeswoman spokesperson official chief director governor mayor
  senator ambassador commander general chairman chairwoman chair ceo economist analyst expert diplomat lawmaker leader
  prosecutor judge report statement study survey agency ministry government company police military army court
  negotiator envoy researcher scientist doctor witness
`);

/** Words that end a lower-case role phrase when walking back from its noun ("… that the minister said"). */
export const SPEAKER_STOP_WORDS = set(`
  and or but that which who when while as if said says told is was were are has have had not also in on at of to
`);

/** Attribution verbs that are also nouns ("member states", "claims of"): a speaker only right after a name or pronoun. */
export const AMBIGUOUS_VERBS = set(`states claims reports notes estimates promises pledges vows charged warns`);

/** Words that join the parts of a named speaker ("U.S. and NATO officials", "Secretary of State"). */
export const SUBJECT_JOINERS = set(`and of the &`);

/** Adverbs and auxiliaries between a speaker and the verb ("he also said", "Sherman later told"). */
export const SPEAKER_ADVERBS = set(`
  also later then again previously earlier repeatedly has have had reportedly once now further flatly publicly
  privately
`);

/** Words that show a comparison or a superlative, as evidence for the signal. */
export const COMPARISON_EVIDENCE = set(`
  more less fewer than most least largest biggest highest lowest first record doubled tripled
`);

/** Courtesy titles, written with or without a dot before a name ("Dr. Helen Marsh"); not a role, so not a short name. */
export const HONORIFICS = set(`mr mrs ms mx dr prof`);

/** Abbreviated titles that a dot may follow inside a name phrase ("Gen. Mark Milley", "Sen. Ann Roe"). */
export const TITLE_ABBREVIATIONS = set(`mr mrs ms mx dr prof gen lt col maj capt sgt adm gov sen rep rev st jr sr`);

/**
 * Health, science and climate terms. A statement about these in general ("taking a hot bath will not prevent COVID-19",
 * "recent highs were mainly the result of global warming") is what fact-checkers check in such copy, even with no name
 * or number; the debates the model learnt from hardly have it.
 */
export const SCIENCE_WORDS = set(`
  virus viruses viral coronavirus coronaviruses covid covid-19 sars-cov-2 sars pandemic epidemic outbreak infection
  infections infect infected infects infectious contagious transmission transmissions transmit transmits transmitted
  transmissible spread spreads spreading vaccine vaccines vaccinated vaccination vaccinations immunity immune antibodies
  antibody symptoms symptom asymptomatic disease diseases illness cancer cancers tumour tumor treatment treatments cure
  cures cured drug drugs medicine medicines medication dose doses patients pathogen pathogens bacteria bacterial germs
  microbes lab laboratory bat bats hygiene disinfect disinfectant sanitiser sanitizer masks mask vitamin vitamins
  diet diets obesity diabetes heart stroke dementia autism fertility pregnancy toxic toxins poison radiation
  clinical trial trials placebo evidence study studies scientists scientific researchers peer-reviewed
  climate warming emissions carbon co2 greenhouse temperatures temperature heatwave heatwaves drought droughts
  wildfires glaciers ice sea-level fossil methane pollution deforestation species extinction
`);
