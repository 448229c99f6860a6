-- All final (completed or reviewed) invoices issued by one vendor, newest first. Every value is the one in force:
-- a reviewer's correction where there is one, else the model's answer (the model's own is under fields.X.model).
-- docpipe query samples/queries/invoices-of-vendor.sql -p vendor="Contoso Ltd"
SELECT c.documentId, c.source.name AS file, c.fields.invoiceNumber["value"] AS invoiceNumber,
       c.fields.invoiceDate["value"] AS invoiceDate, c.fields.total["value"] AS total, c.fields.total.currency AS currency
FROM c
WHERE c.type = 'document' AND c.status IN ('completed', 'reviewed') AND c.fields.vendorName["value"] = @vendor
ORDER BY c.fields.invoiceDate["value"] DESC
