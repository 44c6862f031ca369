"""The station's look: high contrast, large targets (agents work fast, standing, sometimes with gloves)."""

BLUE_FRANCE = "#000091"

STYLESHEET = f"""
QWidget {{ font-size: 14px; color: #161616; }}
QMainWindow, QStackedWidget > QWidget {{ background: #ffffff; }}
#header {{ background: {BLUE_FRANCE}; }}
#header QLabel {{ color: #ffffff; font-size: 15px; }}
#headerTitle {{ font-weight: bold; font-size: 17px; }}
#banner[level="info"] {{ background: #e8edff; color: #0063cb; padding: 8px; }}
#banner[level="warning"] {{ background: #fff4e5; color: #8a4b00; padding: 8px; }}
#banner[level="error"] {{ background: #ffe9e9; color: #ce0500; padding: 8px; font-weight: bold; }}
#pageTitle {{ font-size: 22px; font-weight: bold; color: {BLUE_FRANCE}; }}
#hint {{ color: #3a3a3a; font-size: 15px; }}
#problem {{ color: #ce0500; }}
QPushButton {{ padding: 8px 16px; border: 1px solid {BLUE_FRANCE}; color: {BLUE_FRANCE};
               background: #ffffff; min-height: 24px; }}
QPushButton:focus {{ border: 3px solid #0a76f6; }}
QPushButton:disabled {{ color: #929292; border-color: #cecece; }}
QPushButton[primary="true"] {{ background: {BLUE_FRANCE}; color: #ffffff; font-weight: bold; }}
QPushButton[primary="true"]:disabled {{ background: #e5e5e5; color: #929292; }}
QLineEdit, QComboBox, QDateEdit, QSpinBox {{ padding: 5px; border: 1px solid #929292; min-height: 22px; }}
QLineEdit:focus, QComboBox:focus, QDateEdit:focus, QSpinBox:focus {{ border: 2px solid #0a76f6; }}
QListWidget#steps {{ border: none; background: #f6f6f6; font-size: 15px; }}
QListWidget#steps::item {{ padding: 10px; }}
QListWidget#steps::item:selected {{ background: #e3e3fd; color: {BLUE_FRANCE}; font-weight: bold; }}
#preview {{ background: #f0f0f0; border: 1px solid #cecece; }}
#outboxAlert {{ background: #fff4e5; color: #8a4b00; padding: 8px; font-weight: bold; }}
"""
