import { NavLink } from 'react-router-dom';

export interface SidebarSection {
  title: string;
  items: { label: string; to: string }[];
}

/** The console navigation, grouped by section; the current page is marked. */
export function Sidebar({ sections }: { sections: SidebarSection[] }) {
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="sidebar-inner">
        {sections.map((section) => (
          <div key={section.title} className="sidebar-section">
            <h2 className="sidebar-heading">{section.title}</h2>
            <ul>
              {section.items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end className={({ isActive }) => `sidebar-link${isActive ? ' is-active' : ''}`}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
        {sections.length === 0 ? <p className="sidebar-empty">No pages are available to your account.</p> : null}
      </div>
    </nav>
  );
}
