import { openChdb } from '@stuurwiel/infra/chdb';
import { describePanelSql } from './panel-sql.js';

// A current ClickHouse in process (chdb), so that this runs in the unit project without a server.
describePanelSql(
  'a current ClickHouse (chdb)',
  () => openChdb('grafana'),
  (db) => db.close(),
  './__snapshots__/panel-columns.snap',
);
