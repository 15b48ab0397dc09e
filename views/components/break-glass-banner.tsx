import type { BreakGlassBanner as BannerModel } from '../models.ts';
import { Button } from './button.tsx';

// Building a DateTimeFormat loads time zone data, so one is kept per time zone.
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Tells a staff member on every chart page that they opened this chart through break-glass,
 * when that access ends, and that every page is recorded, with a button to end it now. The
 * button is a plain form, so it works without JavaScript.
 *
 *     <div class="break-glass" role="region" aria-label="Emergency access">
 *       <p><strong>Emergency access:</strong> you opened this chart with break-glass at ...</p>
 *       <form method="post" action="/staff/break-glass/{id}/end">...</form>
 *     </div>
 */
export function BreakGlassBanner({ banner, timeZone }: { banner: BannerModel; timeZone: string }) {
  return (
    <div class="break-glass" role="region" aria-label="Emergency access">
      <div class="wrap">
        <p>
          <strong>Emergency access:</strong> you opened this chart with break-glass
          {banner.startedAt && (
            <>
              {' '}
              at <TimeText value={banner.startedAt} timeZone={timeZone} />
            </>
          )}
          ; it ends at <TimeText value={banner.expiresAt} timeZone={timeZone} />. Every page you
          open is recorded for review.
        </p>
        <form method="post" action={banner.endPath} hx-boost="false">
          <Button>End emergency access now</Button>
        </form>
      </div>
    </div>
  );
}

function TimeText({ value, timeZone }: { value: string; timeZone: string }) {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
    timeFormats.set(timeZone, format);
  }
  return <time datetime={value}>{format.format(new Date(value))}</time>;
}
