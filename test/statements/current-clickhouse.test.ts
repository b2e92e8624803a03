import { openChdb } from '@stuurwiel/infra/chdb';
import { describeCatalogue } from './describe-catalogue.js';

// A current ClickHouse in process (chdb), so that this runs in the unit project without a server.
describeCatalogue(
  'a current ClickHouse (chdb)',
  () => openChdb('catalogue'),
  (db) => db.close(),
);
