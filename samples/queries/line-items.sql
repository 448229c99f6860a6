-- Every line item of every final (completed or reviewed) document that has a table field named lineItems, one row per line.
-- docpipe query samples/queries/line-items.sql
SELECT c.documentId, r.page, r.cells.description["value"] AS description, r.cells.quantity["value"] AS quantity, r.cells.amount["value"] AS amount
FROM c JOIN r IN c.fields.lineItems.rows
WHERE c.type = 'document' AND c.status IN ('completed', 'reviewed')
