-- Documents that failed, with the stable error code and message.
-- docpipe query samples/queries/failed-documents.sql
SELECT c.documentId, c.source.name AS file, c.error.code AS code, c.error.message AS message, c.updatedAt
FROM c
WHERE c.type = 'document' AND c.status = 'failed'
ORDER BY c.updatedAt DESC
