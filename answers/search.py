"""The full-text indexes of the answers app (built by migration 0015, read through config.search)."""

from config.search import SearchIndex

LISTING_SEARCH = SearchIndex(table="answers_claimlisting", pk="claim_id", columns=("search_text",))
QUESTION_SEARCH = SearchIndex(table="answers_question", pk="id", columns=("text",))
