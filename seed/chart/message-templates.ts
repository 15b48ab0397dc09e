// Wording of portal message threads. Each draft alternates between the patient side (the
// patient or a proxy) and the care team, starting with the patient side.

import type { Sensitivity } from '../../schema/chart.ts';
import { DAY_MS } from '../dates.ts';

export type ThreadCategory = 'refill' | 'result-question' | 'scheduling' | 'billing' | 'general';
export type StaffVoice = 'nurse' | 'clinician' | 'front-desk';

export interface ThreadDraft {
  category: ThreadCategory;
  subject: string;
  sensitivity: Sensitivity;
  /** The care team that replies: the patient's primary team or the behavioral health team. */
  team: 'primary' | 'behavioral';
  staff: StaffVoice;
  /** Message bodies; a {staff} placeholder in a care-team message becomes the signature. */
  bodies: string[];
}

/** The writer on the patient side: the patient, or a parent writing about a child. */
export interface Voice {
  self: boolean;
  childName: string;
  childWord: 'daughter' | 'son';
  pronoun: 'she' | 'he';
  possessive: 'her' | 'his';
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Tuesday, March 3", computed without the runtime's locale data. */
export function spokenDate(day: number): string {
  const date = new Date(day * DAY_MS);
  return `${WEEKDAYS[date.getUTCDay()]}, ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
}

/** "9:40 AM" for minutes after midnight, clinic time. */
export function spokenTime(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const suffix = hours >= 12 ? 'PM' : 'AM';
  return `${((hours + 11) % 12) + 1}:${String(minutes % 60).padStart(2, '0')} ${suffix}`;
}

export function dollars(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

export function refillDraft(
  voice: Voice,
  medication: string,
  daysLeft: number,
  sensitivity: Sensitivity,
): ThreadDraft {
  const ask = voice.self
    ? `Hi, I'm almost out of my ${medication}. Could you send a refill to my pharmacy? I have about ${daysLeft} days left.`
    : `Hi, my ${voice.childWord} ${voice.childName} is almost out of ${voice.possessive} ${medication}. Could you send a refill to our pharmacy? ${capitalize(voice.pronoun)} has about ${daysLeft} days left.`;
  return {
    category: 'refill',
    subject: `Refill request: ${medication}`,
    sensitivity,
    team: sensitivity === 'mental-health' ? 'behavioral' : 'primary',
    staff: 'nurse',
    bodies: [
      ask,
      `Hi, the refill is approved and we sent it to the pharmacy on file. It is usually ready within a day.\n\n{staff}`,
      'Thank you!',
    ],
  };
}

export function resultDraft(
  voice: Voice,
  panel: string,
  releasedDay: number,
  test: { name: string; value: number | string; unit: string | null; flag: string },
): ThreadDraft {
  const whose = voice.self ? 'my' : `${voice.childName}'s`;
  const reading = `${test.value}${test.unit ? ` ${test.unit}` : ''}`;
  const flagged = test.flag !== 'normal';
  const direction = test.flag.endsWith('low') ? 'low' : 'high';
  const ask = flagged
    ? `I saw that ${whose} ${test.name} came back ${direction} (${reading}) on the ${panel} from ${spokenDate(releasedDay)}. Should I be worried?`
    : `Are ${whose} ${panel} results from ${spokenDate(releasedDay)} OK? I'm not sure how to read them.`;
  let answer = 'Everything on this panel is in the normal range. No changes are needed.';
  if (flagged) {
    answer = test.flag.startsWith('critical')
      ? `A ${test.name} of ${reading} needs attention soon. Please call the clinic today so we can talk about the next step.`
      : `A ${test.name} of ${reading} is a little ${direction}. It is not an emergency. We will check it again at the next visit, and we can talk then about what might help.`;
  }
  return {
    category: 'result-question',
    subject: `Question about ${whose} ${panel} results`,
    sensitivity: 'normal',
    team: 'primary',
    staff: 'clinician',
    bodies: [ask, `Thanks for your message. ${answer}\n\n{staff}`, 'That helps, thank you.'],
  };
}

export function schedulingDraft(
  voice: Voice,
  upcoming: { day: number; minutes: number; video: boolean } | null,
): ThreadDraft {
  const whose = voice.self ? 'my' : `${voice.childName}'s`;
  if (!upcoming) {
    return {
      category: 'scheduling',
      subject: 'Booking a check-up',
      sensitivity: 'normal',
      team: 'primary',
      staff: 'front-desk',
      bodies: [
        `I'd like to book ${voice.self ? 'a check-up for myself' : `a check-up for ${voice.childName}`}. Are there any morning openings next month?`,
        'We have several morning openings next month. You can pick one under Appointments, then Request an appointment, and we will confirm it within one business day.\n\n{staff}',
      ],
    };
  }
  const when = `${spokenDate(upcoming.day)} at ${spokenTime(upcoming.minutes)}`;
  const answer = upcoming.video
    ? `The visit on ${when} is a video visit, so there is no blood work. The link arrives by email the day before.`
    : `Yes, the visit on ${when} is in person. There is no blood work planned, so breakfast is fine. Please arrive 10 minutes early.`;
  return {
    category: 'scheduling',
    subject: `${capitalize(whose)} appointment on ${spokenDate(upcoming.day)}`,
    sensitivity: 'normal',
    team: 'primary',
    staff: 'front-desk',
    bodies: [
      `Is ${whose} appointment on ${when} in person? And should we skip breakfast for any blood work?`,
      `${answer}\n\n{staff}`,
      'Great, thank you.',
    ],
  };
}

export function billingDraft(amountDueCents: number, serviceDay: number): ThreadDraft {
  const amount = dollars(amountDueCents);
  return {
    category: 'billing',
    subject: 'Question about my bill',
    sensitivity: 'normal',
    team: 'primary',
    staff: 'front-desk',
    bodies: [
      `I got a statement for ${amount} for the visit on ${spokenDate(serviceDay)}. I thought my insurance covered this. Can you check?`,
      `I checked with your insurance. They paid their share, and ${amount} is the part your plan leaves to you. You can pay under Billing, or reply here to set up a payment plan.\n\n{staff}`,
      "OK, I'll pay it online. Thanks for checking.",
    ],
  };
}

export function generalDraft(voice: Voice): ThreadDraft {
  if (!voice.self) {
    return {
      category: 'general',
      subject: 'Health form for school',
      sensitivity: 'normal',
      team: 'primary',
      staff: 'nurse',
      bodies: [
        `${voice.childName} needs a health form signed for school sports. Can it be filled out from ${voice.possessive} last check-up?`,
        'Yes. The form is signed and ready at the front desk. We can also mail it if that is easier.\n\n{staff}',
      ],
    };
  }
  return {
    category: 'general',
    subject: 'Flu shot',
    sensitivity: 'normal',
    team: 'primary',
    staff: 'nurse',
    bodies: [
      'Is it too late to get a flu shot this year? Do I need an appointment?',
      'It is not too late. You can come in any weekday between 8 and 4 for a flu shot, no appointment needed.\n\n{staff}',
      'Perfect, thanks!',
    ],
  };
}

export function mentalHealthDraft(medication: string | null): ThreadDraft {
  const bodies = medication
    ? [
        `Since I started ${medication} I have been sleeping badly. Is that normal? Should I keep taking it?`,
        `Trouble sleeping is a common side effect in the first weeks. Try taking it in the morning instead of the evening. If it does not get better in two weeks, we can adjust the dose at your next visit. If you ever have thoughts of harming yourself, call or text 988 right away.\n\n{staff}`,
        'Thanks, I will try the mornings.',
      ]
    : [
        'I have been feeling more down the last couple of weeks. Could I come in sooner than my next visit?',
        'Thank you for telling us. We can see you sooner: please choose a time under Appointments and we will fit you in this week. If you ever have thoughts of harming yourself, call or text 988 right away.\n\n{staff}',
      ];
  return {
    category: 'general',
    subject: medication ? `Question about ${medication}` : 'Feeling worse lately',
    sensitivity: 'mental-health',
    team: 'behavioral',
    staff: 'clinician',
    bodies,
  };
}

export function confidentialDraft(onBirthControl: boolean): ThreadDraft {
  const bodies = onBirthControl
    ? [
        'When does the birth control start working?',
        'If you started the first pill on the first day of your period, it works right away. If not, use condoms as well for the first 7 days.\n\n{staff}',
      ]
    : [
        'When will my test results from the visit be ready?',
        'They are in the portal now under Test results. Everything came back negative.\n\n{staff}',
        'Thank you!',
      ];
  return {
    category: 'general',
    subject: 'Question after my visit',
    sensitivity: 'sexual-reproductive-health',
    team: 'primary',
    staff: 'nurse',
    bodies,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
