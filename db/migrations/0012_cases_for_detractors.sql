-- A response is a support case only when it needs one (server/domain/cases.ts): detractors (0-6), alert
-- matches, and anything a lead already touched (assigned, noted, replied, closed) keep their status;
-- the other responses, until now all "open", have no case.
UPDATE responses SET status = 'none'
WHERE status = 'open'
  AND assignee_id IS NULL
  AND (score IS NULL OR score > 6)
  AND NOT EXISTS (SELECT 1 FROM alerts WHERE alerts.response_id = responses.id)
  AND NOT EXISTS (SELECT 1 FROM response_notes WHERE response_notes.response_id = responses.id);
