import { ServiceCollection } from './ServiceGroup';

export default function ZonePage() {
  return <ServiceCollection kind="zone" />;
}
