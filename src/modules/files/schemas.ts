/** Response shapes of the files routes (TypeBox), shared with the web app's types. */
import { Type } from '@sinclair/typebox';

const nullableText = Type.Union([Type.String(), Type.Null()]);
export const StoredFileSchema = Type.Object({
  id: Type.String(), entryId: Type.String(), name: Type.String(), version: Type.Integer(),
  kind: Type.Union([Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('pdf'), Type.Literal('other')]),
  mediaType: Type.String(), bytes: Type.Integer(), sha256: Type.String(), encoding: nullableText,
  header: Type.Union([Type.Array(Type.String()), Type.Null()]), structured: Type.Boolean({ description: '表头含数据项：按授权投影脱敏 / projected and masked per grant' }),
  uploadedBy: Type.String(), uploadedAt: Type.String(), retiredAt: nullableText, retireReason: nullableText,
  sealed: Type.Boolean({ description: '加密存储 / stored encrypted at rest (security rules §23)' }),
});
export const MountKind = Type.Union([Type.Literal('table'), Type.Literal('api'), Type.Literal('file'), Type.Null()]);
export const EntryFilesSchema = Type.Object({
  mountKind: MountKind,
  items: Type.Array(Type.Intersect([StoredFileSchema, Type.Object({ current: Type.Boolean() })])),
});
export const DownloadablesSchema = Type.Object({
  grantId: Type.String(),
  entry: Type.Object({ id: Type.String(), code: nullableText, name: Type.String(), grade: Type.Integer() }),
  mountKind: MountKind,
  watermark: Type.Boolean({ description: '3 级及以上：交付文件带可见水印 / grade ≥ 3: delivered files bear a visible watermark' }),
  files: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), version: Type.Integer(), kind: Type.String(), mediaType: Type.String(), bytes: Type.Integer(),
    uploadedAt: Type.String(), structured: Type.Boolean(), deliverable: Type.Boolean(),
    refusal: Type.Optional(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() })),
  })),
  exports: Type.Array(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
});
const TracedDeliverySchema = Type.Object({
  id: Type.String(), at: Type.String(), grantId: Type.String(), consumerId: Type.String(), consumerName: Type.String(), entryId: Type.String(),
  entryName: Type.String(), entryCode: nullableText, fileName: nullableText, exportFormat: nullableText, recipient: nullableText,
  outcome: Type.String(), accessRecordId: Type.Union([Type.Integer(), Type.Null()]), intact: Type.Boolean(), markMatches: Type.Boolean(),
});
export const TraceFindingSchema = Type.Object({
  sha256: Type.String(), carrier: Type.String(),
  mark: Type.Union([Type.Object({ grantId: Type.String(), consumerId: Type.String(), deliveryId: Type.String(), at: Type.String() }), Type.Null()]),
  deliveries: Type.Array(TracedDeliverySchema),
});
