"""models.deadline stops a statement that runs past its time, on either engine."""

import pytest
from sqlalchemy import text

from models.deadline import QueryTimeout, deadline

# Would count for minutes on either engine.
ENDLESS = text("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c "
               "WHERE n < 1000000000) SELECT count(*) FROM c")


def test_a_statement_past_its_deadline_is_stopped(db_sessions):
    with db_sessions() as session, pytest.raises(QueryTimeout), deadline(session, 0.05):
        session.execute(ENDLESS)


def test_statements_within_their_deadline_answer(db_sessions):
    with db_sessions() as session:
        with deadline(session, 5):
            assert session.execute(text("SELECT 1")).scalar() == 1
        session.rollback()
        assert session.execute(text("SELECT 2")).scalar() == 2
