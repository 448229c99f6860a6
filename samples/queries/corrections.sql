-- Who changed what: every reviewer correction, newest first, with the model's answer it replaced.
-- docpipe query samples/queries/corrections.sql
SELECT c.documentId, d.field, d.action, d["value"] AS corrected, d.modelValue AS model, d.reviewer, d.at
FROM c JOIN d IN c.decisions
WHERE c.type = 'review' AND (d.action = 'edited' OR d.action = 'alternative')
ORDER BY c.updatedAt DESC
