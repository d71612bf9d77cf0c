/** Simple cron expressions in words ("daily at 08:00"); anything else is shown as written. */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const isNumber = (field: string) => /^\d{1,2}$/.test(field);
const pad = (n: string) => n.padStart(2, '0');

function dayWords(field: string): string | null {
  if (field === '1-5') return 'weekdays';
  if (field === '0,6' || field === '6,0') return 'weekends';
  const days = field.split(',');
  if (!days.every((d) => /^[0-7]$/.test(d))) return null;
  return `every ${days.map((d) => DAYS[Number(d) % 7]).join(', ')}`;
}

export function cronInWords(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  // Six fields carry seconds first; only a zero second reads simply.
  if (fields.length === 6) {
    if (fields[0] !== '0') return cron;
    fields.shift();
  }
  if (fields.length !== 5) return cron;
  const [minute, hour, dom, month, dow] = fields;
  if (month !== '*') return cron;
  const every = /^\*\/(\d+)$/;
  if (dom === '*' && dow === '*') {
    if (minute === '*' && hour === '*') return 'every minute';
    const m = every.exec(minute);
    if (m && hour === '*') return `every ${m[1]} minutes`;
    if (isNumber(minute) && hour === '*') return `hourly at :${pad(minute)}`;
    const h = every.exec(hour);
    if (isNumber(minute) && h) return `every ${h[1]} hours at :${pad(minute)}`;
  }
  // A list of hours ("0 8,18 * * *") reads as several times of day.
  const hours = hour.split(',');
  if (!isNumber(minute) || !hours.every(isNumber)) return cron;
  const times = hours.map((h) => `${pad(h)}:${pad(minute)}`);
  const time = times.length === 1 ? times[0] : `${times.slice(0, -1).join(', ')} and ${times.at(-1)}`;
  if (dom === '*' && dow === '*') return `daily at ${time}`;
  if (dom === '*') {
    const days = dayWords(dow);
    return days ? `${days} at ${time}` : cron;
  }
  if (dow === '*' && isNumber(dom)) return `monthly on day ${dom} at ${time}`;
  return cron;
}
