-- Completed documents with at least one field below the review threshold (or a required field missing).
-- docpipe query samples/queries/needs-review.sql
SELECT c.documentId, c.source.name AS file, c.schema.name AS schema, c.updatedAt
FROM c
WHERE c.type = 'document' AND c.status = 'completed' AND c.needsReview = true
ORDER BY c.updatedAt DESC
