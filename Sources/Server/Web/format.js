// Figures, dates and times as a Vietnamese reader writes them (events/PROCESS.md §8): a decimal
// comma and "." between thousands (82,66; 1.278), dates dd/mm/yyyy, times in Vietnam's time zone
// ("17:00 04/12/2023"). The ledger keeps decimal strings with a point and UTC timestamps; these
// are for the eye only and never go back into a payload.
import { lang } from './i18n.js';

const locale = () => (lang === 'vi' ? 'vi-VN' : 'en-GB');
const zone = 'Asia/Ho_Chi_Minh';

/** A decimal string (or number) with as many decimals as it was given: "82.66" → "82,66", "1278" → "1.278". */
export function number(value) {
  if (value === null || value === undefined || value === '') return '—';
  const text = String(value);
  if (!/^-?[0-9]+(\.[0-9]+)?$/.test(text)) return text;
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
    .format(Number(text));
}

function parts(moment, options) {
  const found = {};
  for (const part of new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', ...options }).formatToParts(moment)) {
    found[part.type] = part.value;
  }
  return found;
}

/** A ledger timestamp as "17:00 04/12/2023", Vietnam time; a date (YYYY-MM-DD) as "04/12/2023". */
export function dateTime(value) {
  if (!value) return '—';
  if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return date(value);
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime())) return value;
  const p = parts(moment, { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

/** A calendar date (YYYY-MM-DD) as dd/mm/yyyy: a date has no time zone. */
export function date(value) {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : dateTime(value);
}

/** Today's date in Vietnam, as a date field shows it (dd/mm/yyyy). */
export function todayInVietnam() {
  const p = parts(new Date(), { day: '2-digit', month: '2-digit', year: 'numeric' });
  return `${p.day}/${p.month}/${p.year}`;
}

const pad = (value) => String(value).padStart(2, '0');

/**
 * A date as typed, dd/mm/yyyy (or d/m/yyyy, with "/", "-" or "."; YYYY-MM-DD also), as the ledger
 * writes it (YYYY-MM-DD). Anything else comes back trimmed as typed, for the ledger to refuse beside
 * its field: the page never guesses a date.
 */
export function calendarDate(typed) {
  const text = (typed ?? '').trim();
  const vietnamese = /^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$/.exec(text);
  if (vietnamese) return `${vietnamese[3]}-${pad(vietnamese[2])}-${pad(vietnamese[1])}`;
  return text;
}

/** A Vietnam time as typed, "HH:MM dd/mm/yyyy" (UTC+7, no daylight saving), as a ledger timestamp; '' if unreadable. */
export function vietnamTimeToTimestamp(typed) {
  const match = /^([0-9]{1,2}):([0-9]{2})\s+([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$/.exec((typed ?? '').trim());
  if (!match) return '';
  const [, hh, mm, d, mo, y] = match.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, hh - 7, mm)).toISOString();
}

/** A share as a percentage: "97.5" → "97,5%". */
export function percent(value) {
  return value === null || value === undefined ? '—' : `${number(value)}%`;
}
