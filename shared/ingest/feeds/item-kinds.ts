/**
 * What kind of item a feed entry is, from what the publisher says: legislation.gov.uk's ukm:
 * metadata (or its /type/year/number links), GOV.UK's document paths (/government/consultations/
 * ...), and ModernGov meetings. Everything else is an article. The briefing puts each kind in its
 * own section, so a wrong guess costs the reader more than no guess: only clear signals count.
 */
import type { SourceKind } from '../../platform/config/schema.js';
import type { ItemDetails, ItemKind } from '../../platform/model.js';
import { readMeeting } from './moderngov.js';
import type { FeedEntry } from './parse.js';
import { findDay, findTime, londonIso } from './uk-dates.js';

export interface Described {
  kind: ItemKind;
  details?: ItemDetails;
}

export interface DescribeInput {
  entry: FeedEntry;
  /** The item's canonical link ("" when none). */
  link: string;
  title: string;
  /** Plain-text summary. */
  summary: string;
  /** The publisher's date, when it gave one that could be read. */
  published: Date | undefined;
  sourceKind: SourceKind;
}

/** legislation.gov.uk type codes, with DocumentMainType and a name in words. */
const LEGISLATION_TYPES: { code: string; mainType: string; words: string }[] = [
  { code: 'ukpga', mainType: 'UnitedKingdomPublicGeneralAct', words: 'UK Public General Act' },
  { code: 'ukla', mainType: 'UnitedKingdomLocalAct', words: 'UK Local Act' },
  { code: 'ukppa', mainType: 'UnitedKingdomPrivateOrPersonalAct', words: 'UK Private or Personal Act' },
  { code: 'uksi', mainType: 'UnitedKingdomStatutoryInstrument', words: 'UK Statutory Instrument' },
  { code: 'ukdsi', mainType: 'UnitedKingdomDraftStatutoryInstrument', words: 'UK Draft Statutory Instrument' },
  { code: 'ukmo', mainType: 'UnitedKingdomMinisterialOrder', words: 'UK Ministerial Order' },
  { code: 'uksro', mainType: 'UnitedKingdomStatutoryRuleOrOrder', words: 'UK Statutory Rule or Order' },
  { code: 'ukcm', mainType: 'UnitedKingdomChurchMeasure', words: 'Church Measure' },
  { code: 'ukci', mainType: 'UnitedKingdomChurchInstrument', words: 'Church Instrument' },
  { code: 'asp', mainType: 'ScottishAct', words: 'Act of the Scottish Parliament' },
  { code: 'ssi', mainType: 'ScottishStatutoryInstrument', words: 'Scottish Statutory Instrument' },
  { code: 'sdsi', mainType: 'ScottishDraftStatutoryInstrument', words: 'Scottish Draft Statutory Instrument' },
  { code: 'asc', mainType: 'WelshParliamentAct', words: 'Act of Senedd Cymru' },
  { code: 'anaw', mainType: 'WelshNationalAssemblyAct', words: 'Act of the National Assembly for Wales' },
  { code: 'mwa', mainType: 'WelshAssemblyMeasure', words: 'Measure of the National Assembly for Wales' },
  { code: 'wsi', mainType: 'WelshStatutoryInstrument', words: 'Wales Statutory Instrument' },
  { code: 'wdsi', mainType: 'WelshDraftStatutoryInstrument', words: 'Wales Draft Statutory Instrument' },
  { code: 'nia', mainType: 'NorthernIrelandAct', words: 'Act of the Northern Ireland Assembly' },
  { code: 'nisr', mainType: 'NorthernIrelandStatutoryRule', words: 'Northern Ireland Statutory Rule' },
  { code: 'nidsr', mainType: 'NorthernIrelandDraftStatutoryRule', words: 'Northern Ireland Draft Statutory Rule' },
];
const BY_CODE = new Map(LEGISLATION_TYPES.map((t) => [t.code, t]));
const BY_MAIN_TYPE = new Map(LEGISLATION_TYPES.map((t) => [t.mainType, t]));

/** GOV.UK content paths and what they hold; the first match wins. */
const GOVUK_PATHS: { prefix: string; kind: ItemKind; documentType: string }[] = [
  { prefix: '/government/consultations/', kind: 'consultation', documentType: 'Consultation' },
  { prefix: '/government/calls-for-evidence/', kind: 'consultation', documentType: 'Call for evidence' },
  { prefix: '/government/news/', kind: 'announcement', documentType: 'News story or press release' },
  { prefix: '/government/speeches/', kind: 'announcement', documentType: 'Speech or statement' },
  { prefix: '/government/publications/', kind: 'announcement', documentType: 'Publication' },
  { prefix: '/government/statistics/', kind: 'announcement', documentType: 'Statistics' },
  { prefix: '/government/case-studies/', kind: 'announcement', documentType: 'Case study' },
  { prefix: '/government/collections/', kind: 'announcement', documentType: 'Collection' },
  { prefix: '/guidance/', kind: 'announcement', documentType: 'Guidance' },
];

/** "This consultation closes at 11:59pm on 5 January 2027", "Closing date: 05/01/2027". */
const CLOSING = /\b(?:clos(?:es|ing(?:\s+date)?)|deadline)\b[:\s]*(?:at\s+|on\s+|by\s+)*(.{0,60})/i;

/** The kind and details of one entry; `{ kind: 'article' }` when nothing says otherwise. */
export function describeEntry(input: DescribeInput): Described {
  if (input.sourceKind === 'moderngov') return meeting(input);
  return legislation(input) ?? govuk(input) ?? { kind: 'article' };
}

function meeting(input: DescribeInput): Described {
  const details = readMeeting(input.title, input.summary, input.published);
  return Object.keys(details).length > 0 ? { kind: 'meeting', details } : { kind: 'meeting' };
}

function legislation(input: DescribeInput): Described | undefined {
  const meta = input.entry.legislation;
  const fromLink = legislationLink(input.link);
  if (!meta && !fromLink) return undefined;
  const type = (meta?.documentMainType ? BY_MAIN_TYPE.get(meta.documentMainType) : undefined) ?? (fromLink ? BY_CODE.get(fromLink.code) : undefined);
  const details: ItemDetails = {};
  const code = type?.code ?? fromLink?.code;
  if (code) details.legislationType = code;
  const number = wholeNumber(meta?.number) ?? fromLink?.number;
  if (number !== undefined) details.legislationNumber = number;
  const year = wholeNumber(meta?.year) ?? fromLink?.year;
  if (year !== undefined) details.year = year;
  const words = type?.words ?? (meta?.documentMainType ? spaced(meta.documentMainType) : undefined);
  if (words) details.documentType = words;
  return { kind: 'legislation', details };
}

/** http://www.legislation.gov.uk/uksi/2026/1050/made → uksi, 2026, 1050. */
function legislationLink(link: string): { code: string; year: number; number: number } | undefined {
  if (!link) return undefined;
  const url = new URL(link);
  if (!/(^|\.)legislation\.gov\.uk$/.test(url.hostname)) return undefined;
  const match = /^\/(?:id\/)?([a-z]{2,6})\/(\d{4})\/(\d+)(?:\/|$)/.exec(url.pathname);
  const code = match?.[1];
  if (!match || !code || !BY_CODE.has(code)) return undefined;
  return { code, year: Number(match[2]), number: Number(match[3]) };
}

function govuk(input: DescribeInput): Described | undefined {
  if (!input.link) return undefined;
  const url = new URL(input.link);
  if (url.hostname !== 'www.gov.uk' && url.hostname !== 'gov.uk') return undefined;
  const found = GOVUK_PATHS.find((p) => url.pathname.startsWith(p.prefix));
  const details: ItemDetails = {};
  if (found) details.documentType = found.documentType;
  const closingDate = found?.kind === 'consultation' ? closingDateIn(input.summary) : undefined;
  if (closingDate) details.closingDate = closingDate;
  return { kind: found?.kind ?? 'announcement', details };
}

/** A closing date, where the text states one next to "closes" or "closing date". */
export function closingDateIn(text: string): string | undefined {
  const near = CLOSING.exec(text)?.[1];
  if (!near) return undefined;
  const day = findDay(near);
  if (!day) return undefined;
  const time = findTime(near.slice(0, day.index)) ?? findTime(near.slice(day.index + day.length));
  return londonIso(day.value, time?.value);
}

function wholeNumber(text: string | undefined): number | undefined {
  return text && /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** "UnitedKingdomStatutoryInstrument" → "United Kingdom Statutory Instrument" for types not in the table. */
function spaced(mainType: string): string {
  return mainType.replace(/([a-z])([A-Z])/g, '$1 $2');
}
