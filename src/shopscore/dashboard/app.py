"""Streamlit entry point: `shopscore dashboard` runs `streamlit run` on this file.

Each page lives in its own module of shopscore.dashboard.views and exposes render().
"""

from __future__ import annotations

import streamlit as st

from shopscore.dashboard import data
from shopscore.dashboard.views import categories, health, overview, shop


def main() -> None:
    st.set_page_config(page_title="shopscore", layout="wide")
    if not data.db_path().exists():
        st.warning(
            f"No warehouse at {data.db_path()}: run `make run` (or set SHOPSCORE_DB to a built file)."
        )
        st.stop()
    pages = [
        # The default page is served at the root.
        st.Page(overview.render, title="Platform overview", default=True),
        st.Page(categories.render, title="Categories and peer groups", url_path="categories"),
        st.Page(shop.render, title="Shop", url_path="shop"),
        st.Page(health.render, title="Data health", url_path="health"),
    ]
    st.sidebar.caption(f"Warehouse: `{data.db_path()}` (read-only, one connection per query)")
    st.navigation(pages).run()


main()
