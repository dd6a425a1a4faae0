"""Full-text search: the FTS5 table ``search_index`` inside the vault, the triggers that keep it in
step with every write, and the index filled from the rows already stored.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-08

The statements are a frozen copy of ``caseorganizer.store.search_schema`` as it was for this
revision (a new vault gets them from that module; ``tests/services/test_demo_vault.py`` holds the
two schemas equal). A later change to the index is a new migration, never an edit here.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CREATE_TABLE = r"""CREATE VIRTUAL TABLE search_index USING fts5(kind UNINDEXED, case_id UNINDEXED, opinion_id UNINDEXED, record_id UNINDEXED, page UNINDEXED, title, body, tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'", prefix = '2 3')"""

TRIGGERS = (
    r"""CREATE TRIGGER search_cases_insert AFTER INSERT ON cases BEGIN
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 9 * 72057594037927936 + t.id, 'case', t.id, NULL, NULL, NULL,
      t.title,
      t.description
    FROM cases AS t
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_cases_update AFTER UPDATE OF title, description ON cases BEGIN
  DELETE FROM search_index WHERE rowid = 9 * 72057594037927936 + OLD.id;
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 9 * 72057594037927936 + t.id, 'case', t.id, NULL, NULL, NULL,
      t.title,
      t.description
    FROM cases AS t
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_cases_delete AFTER DELETE ON cases BEGIN
  DELETE FROM search_index WHERE rowid = 9 * 72057594037927936 + OLD.id;
END""",
    r"""CREATE TRIGGER search_opinion_diagnoses_insert AFTER INSERT ON opinion_diagnoses BEGIN
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 8 * 72057594037927936 + t.id, 'diagnosis', o.case_id, t.opinion_id, NULL, NULL,
      t.name,
      t.notes
    FROM opinion_diagnoses AS t JOIN opinions AS o ON o.id = t.opinion_id
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_opinion_diagnoses_update AFTER UPDATE OF name, notes, opinion_id ON opinion_diagnoses BEGIN
  DELETE FROM search_index WHERE rowid = 8 * 72057594037927936 + OLD.id;
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 8 * 72057594037927936 + t.id, 'diagnosis', o.case_id, t.opinion_id, NULL, NULL,
      t.name,
      t.notes
    FROM opinion_diagnoses AS t JOIN opinions AS o ON o.id = t.opinion_id
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_opinion_diagnoses_delete AFTER DELETE ON opinion_diagnoses BEGIN
  DELETE FROM search_index WHERE rowid = 8 * 72057594037927936 + OLD.id;
END""",
    r"""CREATE TRIGGER search_opinion_medications_insert AFTER INSERT ON opinion_medications BEGIN
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 7 * 72057594037927936 + t.id, 'medication', o.case_id, t.opinion_id, NULL, NULL,
      t.drug,
      t.strength
      || char(10) || t.dose
      || char(10) || t.frequency
      || char(10) || t.duration
      || char(10) || t.instructions
    FROM opinion_medications AS t JOIN opinions AS o ON o.id = t.opinion_id
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_opinion_medications_update AFTER UPDATE OF drug, strength, dose, frequency, duration, instructions, opinion_id ON opinion_medications BEGIN
  DELETE FROM search_index WHERE rowid = 7 * 72057594037927936 + OLD.id;
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 7 * 72057594037927936 + t.id, 'medication', o.case_id, t.opinion_id, NULL, NULL,
      t.drug,
      t.strength
      || char(10) || t.dose
      || char(10) || t.frequency
      || char(10) || t.duration
      || char(10) || t.instructions
    FROM opinion_medications AS t JOIN opinions AS o ON o.id = t.opinion_id
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_opinion_medications_delete AFTER DELETE ON opinion_medications BEGIN
  DELETE FROM search_index WHERE rowid = 7 * 72057594037927936 + OLD.id;
END""",
    r"""CREATE TRIGGER search_opinions_insert AFTER INSERT ON opinions BEGIN
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 6 * 72057594037927936 + t.id, 'opinion', t.case_id, t.id, NULL, NULL,
      CASE WHEN c.specialty <> '' THEN c.name || ' — ' || c.specialty ELSE COALESCE(c.name, '') END,
      t.severity
      || char(10) || t.approach_details
      || char(10) || t.follow_up
      || char(10) || t.lifestyle
      || char(10) || t.insurance_coverage
      || char(10) || COALESCE(t.cost_notes, '')
      || char(10) || t.notes
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_procedures WHERE opinion_id = t.id ORDER BY position)), '')
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_tests WHERE opinion_id = t.id ORDER BY position)), '')
    FROM opinions AS t LEFT JOIN clinicians AS c ON c.id = t.clinician_id
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_opinions_update AFTER UPDATE OF case_id, clinician_id, severity, approach_details, follow_up, lifestyle, insurance_coverage, cost_notes, notes ON opinions BEGIN
  DELETE FROM search_index WHERE rowid = 6 * 72057594037927936 + OLD.id;
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 6 * 72057594037927936 + t.id, 'opinion', t.case_id, t.id, NULL, NULL,
      CASE WHEN c.specialty <> '' THEN c.name || ' — ' || c.specialty ELSE COALESCE(c.name, '') END,
      t.severity
      || char(10) || t.approach_details
      || char(10) || t.follow_up
      || char(10) || t.lifestyle
      || char(10) || t.insurance_coverage
      || char(10) || COALESCE(t.cost_notes, '')
      || char(10) || t.notes
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_procedures WHERE opinion_id = t.id ORDER BY position)), '')
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_tests WHERE opinion_id = t.id ORDER BY position)), '')
    FROM opinions AS t LEFT JOIN clinicians AS c ON c.id = t.clinician_id
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_opinions_delete AFTER DELETE ON opinions BEGIN
  DELETE FROM search_index WHERE rowid = 6 * 72057594037927936 + OLD.id;
END""",
    r"""CREATE TRIGGER search_questions_insert AFTER INSERT ON questions BEGIN
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 5 * 72057594037927936 + t.id, 'question', t.case_id, NULL, NULL, NULL,
      t.text,
      t.answer
    FROM questions AS t
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_questions_update AFTER UPDATE OF case_id, text, answer ON questions BEGIN
  DELETE FROM search_index WHERE rowid = 5 * 72057594037927936 + OLD.id;
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 5 * 72057594037927936 + t.id, 'question', t.case_id, NULL, NULL, NULL,
      t.text,
      t.answer
    FROM questions AS t
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_questions_delete AFTER DELETE ON questions BEGIN
  DELETE FROM search_index WHERE rowid = 5 * 72057594037927936 + OLD.id;
END""",
    r"""CREATE TRIGGER search_decisions_insert AFTER INSERT ON decisions BEGIN
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 4 * 72057594037927936 + t.id, 'decision', t.case_id, NULL, NULL, NULL,
      t.summary,
      t.reason
    FROM decisions AS t
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_decisions_update AFTER UPDATE OF case_id, summary, reason ON decisions BEGIN
  DELETE FROM search_index WHERE rowid = 4 * 72057594037927936 + OLD.id;
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 4 * 72057594037927936 + t.id, 'decision', t.case_id, NULL, NULL, NULL,
      t.summary,
      t.reason
    FROM decisions AS t
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_decisions_delete AFTER DELETE ON decisions BEGIN
  DELETE FROM search_index WHERE rowid = 4 * 72057594037927936 + OLD.id;
END""",
    r"""CREATE TRIGGER search_logistics_tasks_insert AFTER INSERT ON logistics_tasks BEGIN
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 3 * 72057594037927936 + t.id, 'task', t.case_id, NULL, NULL, NULL,
      t.title,
      t.notes
    FROM logistics_tasks AS t
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_logistics_tasks_update AFTER UPDATE OF case_id, title, notes ON logistics_tasks BEGIN
  DELETE FROM search_index WHERE rowid = 3 * 72057594037927936 + OLD.id;
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 3 * 72057594037927936 + t.id, 'task', t.case_id, NULL, NULL, NULL,
      t.title,
      t.notes
    FROM logistics_tasks AS t
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_logistics_tasks_delete AFTER DELETE ON logistics_tasks BEGIN
  DELETE FROM search_index WHERE rowid = 3 * 72057594037927936 + OLD.id;
END""",
    r"""CREATE TRIGGER search_records_insert AFTER INSERT ON records BEGIN
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 2 * 72057594037927936 + t.id, 'record', t.case_id, NULL, t.id, NULL,
      t.title,
      t.document_title
      || char(10) || t.notes
      || char(10) || t.filename
      || char(10) || t.source
    FROM records AS t
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_records_update AFTER UPDATE OF case_id, title, document_title, notes, filename, source ON records BEGIN
  DELETE FROM search_index WHERE rowid = 2 * 72057594037927936 + OLD.id;
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 2 * 72057594037927936 + t.id, 'record', t.case_id, NULL, t.id, NULL,
      t.title,
      t.document_title
      || char(10) || t.notes
      || char(10) || t.filename
      || char(10) || t.source
    FROM records AS t
    WHERE t.id = NEW.id;
END""",
    r"""CREATE TRIGGER search_records_delete AFTER DELETE ON records BEGIN
  DELETE FROM search_index WHERE rowid = 2 * 72057594037927936 + OLD.id;
END""",
    r"""CREATE TRIGGER search_record_pages_insert AFTER INSERT ON record_pages BEGIN
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 1 * 72057594037927936 + t.record_id * 1048576 + t.page, 'page', rec.case_id, NULL, t.record_id, t.page,
      '',
      t.text
    FROM record_pages AS t JOIN records AS rec ON rec.id = t.record_id
    WHERE t.record_id = NEW.record_id AND t.page = NEW.page AND t.page BETWEEN 1 AND 1048575 AND t.record_id BETWEEN 1 AND 68719476735 AND t.text <> '';
END""",
    r"""CREATE TRIGGER search_record_pages_update AFTER UPDATE OF text ON record_pages BEGIN
  DELETE FROM search_index WHERE rowid = 1 * 72057594037927936 + OLD.record_id * 1048576 + OLD.page AND OLD.page BETWEEN 1 AND 1048575 AND OLD.record_id BETWEEN 1 AND 68719476735;
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 1 * 72057594037927936 + t.record_id * 1048576 + t.page, 'page', rec.case_id, NULL, t.record_id, t.page,
      '',
      t.text
    FROM record_pages AS t JOIN records AS rec ON rec.id = t.record_id
    WHERE t.record_id = NEW.record_id AND t.page = NEW.page AND t.page BETWEEN 1 AND 1048575 AND t.record_id BETWEEN 1 AND 68719476735 AND t.text <> '';
END""",
    r"""CREATE TRIGGER search_record_pages_delete AFTER DELETE ON record_pages BEGIN
  DELETE FROM search_index WHERE rowid = 1 * 72057594037927936 + OLD.record_id * 1048576 + OLD.page AND OLD.page BETWEEN 1 AND 1048575 AND OLD.record_id BETWEEN 1 AND 68719476735;
END""",
    r"""CREATE TRIGGER search_opinion_procedures_for_opinion_insert AFTER INSERT ON opinion_procedures BEGIN
  DELETE FROM search_index
    WHERE rowid IN (SELECT 6 * 72057594037927936 + t.id FROM opinions AS t WHERE t.id = NEW.opinion_id);
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 6 * 72057594037927936 + t.id, 'opinion', t.case_id, t.id, NULL, NULL,
      CASE WHEN c.specialty <> '' THEN c.name || ' — ' || c.specialty ELSE COALESCE(c.name, '') END,
      t.severity
      || char(10) || t.approach_details
      || char(10) || t.follow_up
      || char(10) || t.lifestyle
      || char(10) || t.insurance_coverage
      || char(10) || COALESCE(t.cost_notes, '')
      || char(10) || t.notes
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_procedures WHERE opinion_id = t.id ORDER BY position)), '')
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_tests WHERE opinion_id = t.id ORDER BY position)), '')
    FROM opinions AS t LEFT JOIN clinicians AS c ON c.id = t.clinician_id
    WHERE t.id = NEW.opinion_id;
END""",
    r"""CREATE TRIGGER search_opinion_procedures_for_opinion_update AFTER UPDATE ON opinion_procedures BEGIN
  DELETE FROM search_index
    WHERE rowid IN (SELECT 6 * 72057594037927936 + t.id FROM opinions AS t WHERE (t.id = OLD.opinion_id OR t.id = NEW.opinion_id));
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 6 * 72057594037927936 + t.id, 'opinion', t.case_id, t.id, NULL, NULL,
      CASE WHEN c.specialty <> '' THEN c.name || ' — ' || c.specialty ELSE COALESCE(c.name, '') END,
      t.severity
      || char(10) || t.approach_details
      || char(10) || t.follow_up
      || char(10) || t.lifestyle
      || char(10) || t.insurance_coverage
      || char(10) || COALESCE(t.cost_notes, '')
      || char(10) || t.notes
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_procedures WHERE opinion_id = t.id ORDER BY position)), '')
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_tests WHERE opinion_id = t.id ORDER BY position)), '')
    FROM opinions AS t LEFT JOIN clinicians AS c ON c.id = t.clinician_id
    WHERE (t.id = OLD.opinion_id OR t.id = NEW.opinion_id);
END""",
    r"""CREATE TRIGGER search_opinion_procedures_for_opinion_delete AFTER DELETE ON opinion_procedures BEGIN
  DELETE FROM search_index
    WHERE rowid IN (SELECT 6 * 72057594037927936 + t.id FROM opinions AS t WHERE t.id = OLD.opinion_id);
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 6 * 72057594037927936 + t.id, 'opinion', t.case_id, t.id, NULL, NULL,
      CASE WHEN c.specialty <> '' THEN c.name || ' — ' || c.specialty ELSE COALESCE(c.name, '') END,
      t.severity
      || char(10) || t.approach_details
      || char(10) || t.follow_up
      || char(10) || t.lifestyle
      || char(10) || t.insurance_coverage
      || char(10) || COALESCE(t.cost_notes, '')
      || char(10) || t.notes
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_procedures WHERE opinion_id = t.id ORDER BY position)), '')
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_tests WHERE opinion_id = t.id ORDER BY position)), '')
    FROM opinions AS t LEFT JOIN clinicians AS c ON c.id = t.clinician_id
    WHERE t.id = OLD.opinion_id;
END""",
    r"""CREATE TRIGGER search_opinion_tests_for_opinion_insert AFTER INSERT ON opinion_tests BEGIN
  DELETE FROM search_index
    WHERE rowid IN (SELECT 6 * 72057594037927936 + t.id FROM opinions AS t WHERE t.id = NEW.opinion_id);
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 6 * 72057594037927936 + t.id, 'opinion', t.case_id, t.id, NULL, NULL,
      CASE WHEN c.specialty <> '' THEN c.name || ' — ' || c.specialty ELSE COALESCE(c.name, '') END,
      t.severity
      || char(10) || t.approach_details
      || char(10) || t.follow_up
      || char(10) || t.lifestyle
      || char(10) || t.insurance_coverage
      || char(10) || COALESCE(t.cost_notes, '')
      || char(10) || t.notes
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_procedures WHERE opinion_id = t.id ORDER BY position)), '')
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_tests WHERE opinion_id = t.id ORDER BY position)), '')
    FROM opinions AS t LEFT JOIN clinicians AS c ON c.id = t.clinician_id
    WHERE t.id = NEW.opinion_id;
END""",
    r"""CREATE TRIGGER search_opinion_tests_for_opinion_update AFTER UPDATE ON opinion_tests BEGIN
  DELETE FROM search_index
    WHERE rowid IN (SELECT 6 * 72057594037927936 + t.id FROM opinions AS t WHERE (t.id = OLD.opinion_id OR t.id = NEW.opinion_id));
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 6 * 72057594037927936 + t.id, 'opinion', t.case_id, t.id, NULL, NULL,
      CASE WHEN c.specialty <> '' THEN c.name || ' — ' || c.specialty ELSE COALESCE(c.name, '') END,
      t.severity
      || char(10) || t.approach_details
      || char(10) || t.follow_up
      || char(10) || t.lifestyle
      || char(10) || t.insurance_coverage
      || char(10) || COALESCE(t.cost_notes, '')
      || char(10) || t.notes
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_procedures WHERE opinion_id = t.id ORDER BY position)), '')
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_tests WHERE opinion_id = t.id ORDER BY position)), '')
    FROM opinions AS t LEFT JOIN clinicians AS c ON c.id = t.clinician_id
    WHERE (t.id = OLD.opinion_id OR t.id = NEW.opinion_id);
END""",
    r"""CREATE TRIGGER search_opinion_tests_for_opinion_delete AFTER DELETE ON opinion_tests BEGIN
  DELETE FROM search_index
    WHERE rowid IN (SELECT 6 * 72057594037927936 + t.id FROM opinions AS t WHERE t.id = OLD.opinion_id);
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 6 * 72057594037927936 + t.id, 'opinion', t.case_id, t.id, NULL, NULL,
      CASE WHEN c.specialty <> '' THEN c.name || ' — ' || c.specialty ELSE COALESCE(c.name, '') END,
      t.severity
      || char(10) || t.approach_details
      || char(10) || t.follow_up
      || char(10) || t.lifestyle
      || char(10) || t.insurance_coverage
      || char(10) || COALESCE(t.cost_notes, '')
      || char(10) || t.notes
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_procedures WHERE opinion_id = t.id ORDER BY position)), '')
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_tests WHERE opinion_id = t.id ORDER BY position)), '')
    FROM opinions AS t LEFT JOIN clinicians AS c ON c.id = t.clinician_id
    WHERE t.id = OLD.opinion_id;
END""",
    r"""CREATE TRIGGER search_clinicians_for_opinion_update AFTER UPDATE OF name, specialty ON clinicians BEGIN
  DELETE FROM search_index
    WHERE rowid IN (SELECT 6 * 72057594037927936 + t.id FROM opinions AS t WHERE (t.clinician_id = OLD.id OR t.clinician_id = NEW.id));
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 6 * 72057594037927936 + t.id, 'opinion', t.case_id, t.id, NULL, NULL,
      CASE WHEN c.specialty <> '' THEN c.name || ' — ' || c.specialty ELSE COALESCE(c.name, '') END,
      t.severity
      || char(10) || t.approach_details
      || char(10) || t.follow_up
      || char(10) || t.lifestyle
      || char(10) || t.insurance_coverage
      || char(10) || COALESCE(t.cost_notes, '')
      || char(10) || t.notes
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_procedures WHERE opinion_id = t.id ORDER BY position)), '')
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_tests WHERE opinion_id = t.id ORDER BY position)), '')
    FROM opinions AS t LEFT JOIN clinicians AS c ON c.id = t.clinician_id
    WHERE (t.clinician_id = OLD.id OR t.clinician_id = NEW.id);
END""",
    r"""CREATE TRIGGER search_opinions_for_diagnosis_update AFTER UPDATE OF case_id ON opinions BEGIN
  DELETE FROM search_index
    WHERE rowid IN (SELECT 8 * 72057594037927936 + t.id FROM opinion_diagnoses AS t WHERE (t.opinion_id = OLD.id OR t.opinion_id = NEW.id));
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 8 * 72057594037927936 + t.id, 'diagnosis', o.case_id, t.opinion_id, NULL, NULL,
      t.name,
      t.notes
    FROM opinion_diagnoses AS t JOIN opinions AS o ON o.id = t.opinion_id
    WHERE (t.opinion_id = OLD.id OR t.opinion_id = NEW.id);
END""",
    r"""CREATE TRIGGER search_opinions_for_medication_update AFTER UPDATE OF case_id ON opinions BEGIN
  DELETE FROM search_index
    WHERE rowid IN (SELECT 7 * 72057594037927936 + t.id FROM opinion_medications AS t WHERE (t.opinion_id = OLD.id OR t.opinion_id = NEW.id));
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 7 * 72057594037927936 + t.id, 'medication', o.case_id, t.opinion_id, NULL, NULL,
      t.drug,
      t.strength
      || char(10) || t.dose
      || char(10) || t.frequency
      || char(10) || t.duration
      || char(10) || t.instructions
    FROM opinion_medications AS t JOIN opinions AS o ON o.id = t.opinion_id
    WHERE (t.opinion_id = OLD.id OR t.opinion_id = NEW.id);
END""",
    r"""CREATE TRIGGER search_records_for_page_update AFTER UPDATE OF case_id ON records BEGIN
  DELETE FROM search_index
    WHERE rowid IN (SELECT 1 * 72057594037927936 + t.record_id * 1048576 + t.page FROM record_pages AS t WHERE (t.record_id = OLD.id OR t.record_id = NEW.id));
  INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 1 * 72057594037927936 + t.record_id * 1048576 + t.page, 'page', rec.case_id, NULL, t.record_id, t.page,
      '',
      t.text
    FROM record_pages AS t JOIN records AS rec ON rec.id = t.record_id
    WHERE (t.record_id = OLD.id OR t.record_id = NEW.id) AND t.page BETWEEN 1 AND 1048575 AND t.record_id BETWEEN 1 AND 68719476735 AND t.text <> '';
END""",
)

FILL = (
    r"""INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 9 * 72057594037927936 + t.id, 'case', t.id, NULL, NULL, NULL,
      t.title,
      t.description
    FROM cases AS t""",
    r"""INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 8 * 72057594037927936 + t.id, 'diagnosis', o.case_id, t.opinion_id, NULL, NULL,
      t.name,
      t.notes
    FROM opinion_diagnoses AS t JOIN opinions AS o ON o.id = t.opinion_id""",
    r"""INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 7 * 72057594037927936 + t.id, 'medication', o.case_id, t.opinion_id, NULL, NULL,
      t.drug,
      t.strength
      || char(10) || t.dose
      || char(10) || t.frequency
      || char(10) || t.duration
      || char(10) || t.instructions
    FROM opinion_medications AS t JOIN opinions AS o ON o.id = t.opinion_id""",
    r"""INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 6 * 72057594037927936 + t.id, 'opinion', t.case_id, t.id, NULL, NULL,
      CASE WHEN c.specialty <> '' THEN c.name || ' — ' || c.specialty ELSE COALESCE(c.name, '') END,
      t.severity
      || char(10) || t.approach_details
      || char(10) || t.follow_up
      || char(10) || t.lifestyle
      || char(10) || t.insurance_coverage
      || char(10) || COALESCE(t.cost_notes, '')
      || char(10) || t.notes
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_procedures WHERE opinion_id = t.id ORDER BY position)), '')
      || char(10) || COALESCE((SELECT group_concat(name, char(10)) FROM (SELECT name FROM opinion_tests WHERE opinion_id = t.id ORDER BY position)), '')
    FROM opinions AS t LEFT JOIN clinicians AS c ON c.id = t.clinician_id""",
    r"""INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 5 * 72057594037927936 + t.id, 'question', t.case_id, NULL, NULL, NULL,
      t.text,
      t.answer
    FROM questions AS t""",
    r"""INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 4 * 72057594037927936 + t.id, 'decision', t.case_id, NULL, NULL, NULL,
      t.summary,
      t.reason
    FROM decisions AS t""",
    r"""INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 3 * 72057594037927936 + t.id, 'task', t.case_id, NULL, NULL, NULL,
      t.title,
      t.notes
    FROM logistics_tasks AS t""",
    r"""INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 2 * 72057594037927936 + t.id, 'record', t.case_id, NULL, t.id, NULL,
      t.title,
      t.document_title
      || char(10) || t.notes
      || char(10) || t.filename
      || char(10) || t.source
    FROM records AS t""",
    r"""INSERT INTO search_index (rowid, kind, case_id, opinion_id, record_id, page, title, body)
    SELECT 1 * 72057594037927936 + t.record_id * 1048576 + t.page, 'page', rec.case_id, NULL, t.record_id, t.page,
      '',
      t.text
    FROM record_pages AS t JOIN records AS rec ON rec.id = t.record_id
    WHERE t.page BETWEEN 1 AND 1048575 AND t.record_id BETWEEN 1 AND 68719476735 AND t.text <> ''""",
)


def _run(statement: str) -> None:
    op.get_bind().exec_driver_sql(statement)  # as written: no bind parameters to parse


def upgrade() -> None:
    for statement in (CREATE_TABLE, *TRIGGERS, *FILL):
        _run(statement)


def downgrade() -> None:
    for statement in TRIGGERS:
        _run(f"DROP TRIGGER {statement.split()[2]}")
    _run("DROP TABLE search_index")
