import type { PageChrome } from '../models.ts';

type NavItem = NonNullable<PageChrome['current']>;

const NAV_ITEMS: { item: NavItem; label: string; suffix: string }[] = [
  { item: 'home', label: 'Home', suffix: '' },
  { item: 'results', label: 'Test results', suffix: '/results' },
  { item: 'medications', label: 'Medications', suffix: '/medications' },
  { item: 'messages', label: 'Messages', suffix: '/messages' },
  { item: 'appointments', label: 'Appointments', suffix: '/appointments' },
  { item: 'health', label: 'Health summary', suffix: '/health' },
];

/**
 * Links to the sections of the open chart, marking the current one with
 * `aria-current="page"` and leaving out the `hidden` ones.
 *
 *     <nav class="nav" aria-label="Chart"><ul><li><a href="/chart/..." aria-current="page">Home</a></li>...</ul></nav>
 */
export function PrimaryNav({
  chartPath,
  current,
  hidden = [],
}: {
  chartPath: string;
  current?: NavItem;
  hidden?: NavItem[];
}) {
  const shown = NAV_ITEMS.filter(({ item }) => !hidden.includes(item));
  return (
    <nav class="nav" aria-label="Chart">
      <ul class="wrap">
        {shown.map(({ item, label, suffix }) => (
          <li>
            <a href={chartPath + suffix} aria-current={item === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
