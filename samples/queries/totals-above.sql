-- Final invoices whose total (the value in force) is above an amount, largest first.
-- docpipe query samples/queries/totals-above.sql -p amount=1000
SELECT c.documentId, c.fields.vendorName["value"] AS vendor, c.fields.total["value"] AS total, c.fields.total.currency AS currency
FROM c
WHERE c.type = 'document' AND c.status IN ('completed', 'reviewed') AND c.fields.total["value"] > @amount
ORDER BY c.fields.total["value"] DESC
