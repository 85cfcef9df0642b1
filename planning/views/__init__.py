"""Presentation without Streamlit: table frames, folium maps, formatting for the pages."""
