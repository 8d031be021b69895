package neardup

import "strings"

// The fixtures are invented reports, written for these tests: two wire
// stories and, for each, an independent report of the same event in other
// words (related, not copied).

const ferryHeadline = "Ferry runs aground off Kelsing Point, 212 passengers taken ashore"

var ferryWire = []string{
	"KELSING, Norland (Wire) - A passenger ferry ran aground on a sandbank off Kelsing Point early on Thursday, and coastguard crews spent six hours moving all 212 passengers and 19 crew members to shore in lifeboats and fishing vessels.",
	"The vessel, the Northern Lark, had left the harbour at Orsund shortly after midnight on its regular crossing to the island of Tavel. The operator, Bellwater Lines, said the ship struck the bank at about 2.40 a.m. in heavy fog and a strong ebb tide.",
	"No one was seriously hurt. Eleven people were treated for cold and minor cuts at the regional hospital in Kelsing, a spokeswoman for the health board said, and all but two had been sent home by the afternoon.",
	"\"We heard a long scraping noise and then everything tilted,\" said Hanna Veld, a teacher travelling with her two children. \"The crew were calm. They handed out blankets and kept telling us help was on the way.\"",
	"The coastguard said the hull was not breached and no fuel had leaked, but the ferry would stay on the bank until salvage tugs could pull it free at the next spring tide, expected on Sunday.",
	"Bellwater Lines cancelled all crossings to Tavel until further notice and said it would charter a smaller boat to carry supplies to the island, which has about 1,400 residents and no airport.",
	"The maritime accident board opened an investigation. Its chief inspector, Piet Morrow, said investigators would examine the ship's navigation records and question the officers who were on the bridge.",
	"It is the second grounding in the channel in three years. In 2021 a cargo ship carrying timber was stuck on the same sandbank for nine days, and islanders have since asked for the channel markers to be moved.",
	"The transport minister, Elise Varga, said she would visit Kelsing on Friday and promised that the government would review safety rules for night crossings in fog.",
}

// ferryOther reports the same grounding from scratch: the same facts,
// names and figures, in another reporter's words.
var ferryOther = []string{
	"More than two hundred people were brought ashore on Thursday after the Northern Lark, a ferry bound for Tavel island, became stuck on a sandbank near Kelsing Point in thick fog.",
	"Rescuers worked through the night. Lifeboats and local fishing crews shuttled the 212 passengers and 19 crew to the beach at Kelsing, where volunteers had set up a shelter in the sports hall.",
	"Bellwater Lines, which runs the route from Orsund, said the grounding happened at around 2.40 a.m. The company has suspended its Tavel service and is looking for another vessel to keep food and medicine reaching the island.",
	"Hospital staff in Kelsing saw eleven patients, mostly for exposure and small injuries. Two were kept in overnight as a precaution.",
	"Hanna Veld, who was on board with her children, described a grinding sound before the deck leaned to one side. She praised the crew for staying calm and handing out blankets while they waited.",
	"According to the coastguard, there is no damage to the hull and no sign of pollution. Tugs are expected to refloat the ferry when the tide is high enough, probably on Sunday.",
	"Investigators from the maritime accident board will look at the navigation data and interview the officers on duty, chief inspector Piet Morrow told reporters.",
	"Residents of Tavel have complained for years about the channel. A timber freighter was stranded on the same bank in 2021, and a petition to move the markers gathered hundreds of signatures.",
	"Transport minister Elise Varga is due in Kelsing on Friday. She said night sailings in fog would be reviewed.",
}

const strikeHeadline = "Dock workers at Port Halvern walk out over night-shift pay"

var strikeWire = []string{
	"HALVERN (Wire) - Around 3,000 dock workers at Port Halvern stopped work on Monday in a dispute over night-shift pay, leaving more than 40 container ships waiting at anchor outside the country's busiest harbour.",
	"The stevedores' union, the Harbour and Transport Federation, called the 48-hour strike after talks with the port authority broke down on Saturday. The union wants night-shift rates raised by 12 percent; the authority has offered 5 percent spread over two years.",
	"\"Our members work through the night in all weathers and have not had a real rise since 2019,\" the federation's general secretary, Marta Oyelaran, told a rally at the main gate. \"Five percent is an insult.\"",
	"The port authority said the strike would cost importers and exporters about 30 million crowns a day. Its director, Tomas Reinholt, urged the union to return to talks and said the offer was the best the port could afford.",
	"Supermarket chains warned that shelves of fresh fruit could empty within days if the walkout continued, and car makers said parts for two assembly plants were stuck on ships in the bay.",
	"The labour ministry said it had offered to appoint a mediator. Both sides said they would consider it.",
	"Smaller ports along the coast reported a rise in ships diverted from Halvern, but their managers said they could handle only a fraction of the traffic.",
	"The last major strike at Halvern, in 2017, lasted eleven days and ended with a pay deal brokered by the then prime minister.",
}

var strikeOther = []string{
	"Cranes stood idle at Port Halvern on Monday as thousands of stevedores began a two-day strike, and dozens of container vessels dropped anchor to wait it out.",
	"The Harbour and Transport Federation says night-shift pay has fallen behind since 2019 and is asking for a 12 percent increase. Port managers have put 5 percent on the table, to be paid in two steps.",
	"Marta Oyelaran, who leads the federation, called the offer an insult in a speech to strikers gathered outside the main gate.",
	"Tomas Reinholt, the port's director, estimated the cost of the stoppage at 30 million crowns for every day it lasts and asked the union to come back to the negotiating table.",
	"Retailers fear shortages of fresh produce if the dispute drags on. Two car factories are also waiting for parts that are sitting on ships offshore.",
	"A ministry spokesman said the government was ready to name a mediator, an idea both the union and the port said they were open to.",
	"Some ships have sailed on to smaller harbours, which say they have little spare capacity.",
	"Dock workers last struck at Halvern in 2017, when an eleven-day stoppage ended only after the prime minister stepped in.",
}

// article joins a headline and paragraphs the way a scraped report reads:
// the headline on the first line, one paragraph a line.
func article(headline string, paragraphs []string) string {
	return headline + "\n" + strings.Join(paragraphs, "\n")
}

// replaceWords changes the words at the given positions of the text's
// space-separated fields, as a sub-editor would.
func replaceWords(s string, changes map[int]string) string {
	fields := strings.Split(s, " ")
	for i, w := range changes {
		fields[i] = w
	}
	return strings.Join(fields, " ")
}
