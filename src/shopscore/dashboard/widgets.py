"""Controls shared by the pages: scheme and score-date pickers that keep their choice in the URL."""

from __future__ import annotations

from typing import Any

import streamlit as st

from shopscore.dashboard import data


def pick_scheme(key: str = "scheme") -> str | None:
    options = data.schemes()
    if not options:
        st.info("fct_shop_score_daily has no rows in this warehouse yet.")
        return None
    wanted = st.query_params.get("scheme")
    index = options.index(wanted) if wanted in options else 0
    scheme = st.sidebar.selectbox("Scheme", options, index=index, key=key)
    st.query_params["scheme"] = scheme
    return scheme


def pick_date(scheme: str, key: str = "score_date") -> Any:
    dates = data.score_dates(scheme)
    if not dates:
        return None
    labels = [str(d)[:10] for d in dates]
    wanted = st.query_params.get("date")
    index = labels.index(wanted) if wanted in labels else len(labels) - 1
    label = st.sidebar.selectbox("Score date", labels, index=index, key=key)
    return dates[labels.index(label)]
