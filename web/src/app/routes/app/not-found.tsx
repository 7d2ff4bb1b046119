import { Link } from 'react-router-dom';
import { PageHeader } from '../../../components/page-header';

export function Component() {
  return (
    <section>
      <PageHeader title="Page not found" />
      <p>
        Nothing lives at this address. <Link to="/">Go to the start page</Link>.
      </p>
    </section>
  );
}
