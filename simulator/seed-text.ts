/**
 * The words of the seeded community: people, rooms and the things they say. Kept apart from
 * the seeding logic so either can change without wading through the other.
 */
export interface PersonText {
  id: number;
  name: string;
  headline: string;
}

export const PEOPLE: PersonText[] = [
  { id: 2401, name: 'Priya Raman', headline: 'Community lead' },
  { id: 2402, name: 'Marcus Chen', headline: 'Full-stack developer, coffee snob' },
  { id: 2403, name: 'Sofia Lindqvist', headline: 'UX researcher in Malmö' },
  { id: 2404, name: 'Tomás Ferreira', headline: 'Indie hacker, building Shelfie' },
  { id: 2405, name: 'Amara Okafor', headline: 'Growth & content' },
  { id: 2406, name: 'Lukas Becker', headline: 'Hardware tinkerer' },
  { id: 2407, name: 'Hannah Kim', headline: 'iOS engineer' },
  { id: 2408, name: 'Diego Alvarez', headline: 'Photographer and maker' },
  { id: 2409, name: 'Noor Haddad', headline: 'Data scientist' },
  { id: 2410, name: 'Ethan Brooks', headline: 'Founder at Tidewater' },
  { id: 2411, name: 'Mei Tanaka', headline: 'Illustrator' },
  { id: 2412, name: 'Olivia Grant', headline: 'Moderator, runs our events' },
];

export interface GroupText {
  name: string;
  description: string;
  memberIds: number[];
  lines: string[];
}

/** Group chats the demo user is in (the demo user is added by the seed). */
export const GROUPS: GroupText[] = [
  { name: 'Launch Crew', description: 'Coordinating the spring launch week', memberIds: [2401, 2402, 2404, 2405], lines: [
    'Launch checklist is updated, please tick off your items by Thursday.',
    'The landing page copy is in the doc, comments welcome.',
    'Do we have the press kit zipped up somewhere?',
    'Scheduled the newsletter for Tuesday 9:00 CET.',
    'Product Hunt listing draft is ready for a look.',
    'Can someone double-check the pricing table on mobile?',
    'I moved the demo video to the top of the page, it converts better.',
    'Who is on support duty during launch day?',
  ] },
  { name: 'Design Crit', description: 'Share work in progress, get honest feedback', memberIds: [2403, 2411, 2408], lines: [
    'New onboarding flow, v3. Be brutal.',
    'The empty state feels a bit lonely, maybe an illustration?',
    'Contrast on the secondary buttons is too low for me.',
    'I love the new type scale, much calmer.',
    'Could the settings page use tabs instead of one long scroll?',
    'Posted the icon set exploration, three directions.',
    'Direction B reads best at small sizes.',
    'The hover states are lovely but they hide the focus ring.',
  ] },
  { name: 'Moderators', description: 'Private room for the mod team', memberIds: [2401, 2412], lines: [
    'Heads up: a spam wave in the Introductions space this morning.',
    'I removed two posts and left a note to the authors.',
    'Should we pin the community guidelines again?',
    'Monthly mod sync moved to Friday.',
    'Someone asked about a refund in the help desk, I pointed them to billing.',
    'New member numbers look great this week.',
  ] },
  { name: 'Berlin Meetup', description: 'Planning the June meetup in Kreuzberg', memberIds: [2406, 2409, 2412, 2410], lines: [
    'The venue confirmed 40 seats.',
    'Do we need a projector or will they have one?',
    'I can bring the stickers and name tags.',
    'Lightning talks: we have four so far, room for two more.',
    'Pizza or something lighter this time?',
    'RSVPs are at 31, not bad for a Wednesday.',
    'U-Bahn Görlitzer Bahnhof is the closest stop, I will add it to the invite.',
  ] },
  { name: 'Book Club', description: 'This month: Shape Up', memberIds: [2403, 2405, 2407, 2411], lines: [
    'Chapter 4 on shaping was the best part for me.',
    'The appetite idea changed how I scope side projects.',
    'Anyone tried betting tables at work?',
    'Next pick suggestions? I vote for The Mom Test.',
    'I am behind, no spoilers past chapter 6 please.',
    'Cool-down periods sound like a luxury, honestly.',
  ] },
  { name: 'Beta Testers', description: 'Early access to Shelfie 2.0', memberIds: [2404, 2407, 2402], lines: [
    'Build 2.0.3 is up on TestFlight.',
    'Sync got stuck once after switching wifi networks.',
    'Barcode scanning is so much faster now.',
    'Dark mode has a white flash when the app opens.',
    'Crash on export to CSV, log attached in the tracker.',
    'The new shelf view is great on iPad.',
    'Fixed the sync issue, please retry on 2.0.4.',
  ] },
  { name: 'Weekend Hikers', description: 'Trails, photos and blisters', memberIds: [2408, 2406, 2410], lines: [
    'Forecast says sunny on Saturday, anyone up for the ridge loop?',
    'Photos from last weekend are in the shared album.',
    'Meeting at the station at 8:15.',
    'Bring extra water, the spring at the top is dry.',
    'That last climb nearly finished me.',
    'Next time let us try the lake trail.',
  ] },
];

/** A couple of rooms without the demo user, so "not a participant" can be tested. */
export const FOREIGN_GROUP: GroupText = {
  name: 'Data Nerds', description: 'Notebooks, SQL and charts', memberIds: [2409, 2402, 2410], lines: [
    'Anyone compared DuckDB and Polars for this size of data?',
    'The dashboard refresh is down to four seconds.',
    'Shared a notebook with the cohort analysis.',
  ] };

export const CHAT_LINES: string[] = [
  'Sounds good to me!',
  'Thanks, that helps a lot.',
  'I will take a look this afternoon.',
  'Agreed, let us keep it simple.',
  'Can we push this to next week?',
  'Just shared the link in the doc.',
  'Haha, fair point.',
  'On it.',
  'Does anyone have notes from the last call?',
  'Quick update: the first half is done.',
  'Love this, great work.',
  'I am travelling tomorrow, so replies may be slow.',
  'Let me check and get back to you.',
  'Good catch, fixed.',
  'That is exactly what I was worried about.',
  'Should we set up a quick call?',
  'Nice, shipping it.',
  'I think the second option is cleaner.',
  'Added a few comments, nothing blocking.',
  'Morning all ☀️',
];

export const DM_LINES: string[] = [
  'Hey! Do you have ten minutes today?',
  'Thanks for the intro yesterday, really appreciated.',
  'Did you see the thread about the meetup?',
  'I sent you the slides, let me know what you think.',
  'Coffee next week? I am around on Tuesday.',
  'Can you review my post before I publish it?',
  'Congrats on the launch, it looks great!',
  'I found the article I mentioned, sending it over.',
  'No rush on this, whenever you have time.',
  'Happy to help with the onboarding copy.',
  'Just saw your comment, you are right.',
  'Are you joining the Friday call?',
  'How did the user interviews go?',
  'I owe you one for the feedback.',
  'Let me know if the invite did not arrive.',
  'That bug is gone after the update, thanks!',
  'Sure, I can cover for you on Thursday.',
  'Have a good weekend!',
];

export const REPLY_LINES: string[] = [
  '+1, same here.',
  'Good idea, let us try it.',
  'I can pick this up.',
  'Done ✅',
  'Not sure, maybe ask in the help desk space?',
  'Following this thread.',
  'Yes, and we should write it down somewhere.',
  'Took a first pass, see the doc.',
  'I disagree a little, but happy to test it.',
  'This worked for me last time.',
  'Thanks for flagging!',
  'Let us decide on Friday.',
];

export const REACTIONS = ['👍', '❤️', '🎉', '😂', '🙌', '👀'];

export const SPACES = ['General', 'Introductions', 'Show & Tell', 'Help Desk', 'Events', 'Design'];

export const POST_TITLES = [
  'What are you building this month?',
  'Our launch retrospective: what worked and what did not',
  'How do you price a small SaaS?',
  'June meetup in Berlin: agenda and RSVP',
  'Feedback wanted: new landing page',
  'Tools you could not work without in 2024',
  'Weekly wins thread',
  'Accessibility checklist for small teams',
  'From side project to first paying customer',
  'Ask me anything: running user interviews',
  'Photo walk recap',
  'Community guidelines, updated',
];
