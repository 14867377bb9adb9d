"""Answering questions with an optional LLM: prompt, transport and citation checks."""
