import { PageHeader } from './page-header';

/** A page whose feature is not built yet: says what it will hold and what it waits for. */
export function PlaceholderPage({ title, description, arrivesWith }: { title: string; description: string; arrivesWith: string }) {
  return (
    <section>
      <PageHeader title={title} description={description} />
      <div className="placeholder">
        <p>This page arrives with {arrivesWith}.</p>
      </div>
    </section>
  );
}
