/** Links between the privacy officer's review pages, marking the one shown. */
export function PrivacyNav({
  current,
}: {
  current: 'audit' | 'alerts' | 'break-glass' | 'reviews';
}) {
  const links = [
    ['audit', '/staff/privacy/audit', 'Audit trail'],
    ['alerts', '/staff/privacy/alerts', 'Alerts'],
    ['break-glass', '/staff/privacy/break-glass', 'Emergency access reviews'],
    ['reviews', '/staff/privacy/reviews', 'Weekly sign-off'],
  ] as const;
  return (
    <nav aria-label="Privacy review">
      <ul>
        {links.map(([key, href, label]) => (
          <li>
            <a href={href} aria-current={key === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
