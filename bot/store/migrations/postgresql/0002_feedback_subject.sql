-- The portal's widget also says what the page is about and who owns it, so that critical
-- feedback can be routed to the owner: kind (wid, adr, dataset, doc, ...), subject id
-- (WID-0001, ADR-0004, ...) and owner (custodian id, email or Slack handle).
ALTER TABLE feedback ADD COLUMN owner TEXT;
ALTER TABLE feedback ADD COLUMN kind TEXT;
ALTER TABLE feedback ADD COLUMN subject TEXT;
-- Finds the comment-less 👎 that a follow-up comment belongs to.
CREATE INDEX feedback_page_user ON feedback (page, user_ref, created_at);
