"""The tables. (The storage work adds outlets, documents, speakers, quotes and runs here.)"""
