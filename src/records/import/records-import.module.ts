import { Module } from '@nestjs/common';
import { RecordsImporter } from './records-importer';

/**
 * The reference-records import as a Nest provider. It needs only the global TypeORM DataSource, so a
 * future admin module can import this and stream a request body into RecordsImporter.import().
 */
@Module({
  providers: [RecordsImporter],
  exports: [RecordsImporter],
})
export class RecordsImportModule {}
